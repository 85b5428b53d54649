using System.Diagnostics;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>One subject's latency figures (microseconds) over every recorded sample.</summary>
internal sealed record LatencyResult(string Name, int Samples, double P50Us, double P99Us, double MeanUs, double AchievedRate);

/// <summary>
/// Event → delta latency under a steady paced load, and the round trip of a background task's session lock.
/// Subjects alternate (order rotating each round) after one warm-up run each; percentiles are over all samples.
/// </summary>
internal static class SessionLatency
{
    /// <summary>
    /// Sessions get a steady stream of events at <paramref name="rate"/> events/s in total (one producer per core,
    /// each pacing its share in 1 ms steps). Each event is timed from just before it is sent to the moment its delta
    /// reaches the subscriber; deltas carry the new count, which says which event they answer.
    /// </summary>
    public static async Task<IReadOnlyList<LatencyResult>> UnderLoadAsync(SessionsScale scale, double rate, int perSession, CancellationToken cancellationToken)
    {
        var sessions = scale.LatencySessions;
        var sent = Enumerable.Range(0, sessions).Select(_ => new long[perSession]).ToArray();
        var arrived = Enumerable.Range(0, sessions).Select(_ => new long[perSession]).ToArray();
        var counter = new DeltaCounter();

        void OnDelta(int session, string json)
        {
            arrived[session][(SessionMath.ParseCount(json) - 1) % perSession] = Stopwatch.GetTimestamp();   // every run adds perSession to each count
            counter.Hit();
        }

        await using var rig = SessionRig.Start("sessions-latency", sessions);
        await rig.SubscribeAllAsync(OnDelta, counter, cancellationToken);
        var locked = Enumerable.Range(0, sessions).Select(i => new LockedSession("b" + i, i, OnDelta, counter)).ToArray();

        async Task<(long[] Samples, double Rate)> Run(string what, Action<int> send)
        {
            counter.Reset(sessions * perSession);
            var start = Stopwatch.GetTimestamp();
            await ProducePacedAsync(sessions, perSession, rate, (s, k) => { sent[s][k] = Stopwatch.GetTimestamp(); send(s); }, cancellationToken);
            var achieved = sessions * perSession / Stopwatch.GetElapsedTime(start).TotalSeconds;
            await counter.WaitAsync(what, cancellationToken);
            var samples = new long[sessions * perSession];
            for (var s = 0; s < sessions; s++)
            {
                for (var k = 0; k < perSession; k++)
                {
                    samples[(s * perSession) + k] = arrived[s][k] - sent[s][k];
                }
            }

            return (samples, achieved);
        }

        return await CompareAsync(scale.LatencyRounds, [
            ("SemaphoreSlim per session, fire ApplyAsync per event (baseline)", () => Run("latency, SemaphoreSlim", s => _ = locked[s].ApplyAsync(BenchState.Events.Increment()))),
            ("Session actor: hub.Send per event", () => Run("latency, actor", s => rig.Hub.Send(rig.Tokens[s], BenchState.Events.Increment()))),
        ]);
    }

    /// <summary>
    /// One background task takes the session lock in a loop (<see cref="BenchState.Locker"/>), timing each
    /// <c>await using (await LockAsync(ct)) { Count++; }</c>; the baseline times the same increment and delta under an
    /// uncontended <see cref="SemaphoreSlim"/>. Each block is a new task of <c>LockIterations / LockBlocks</c> round trips.
    /// </summary>
    public static async Task<IReadOnlyList<LatencyResult>> LockRoundTripAsync(SessionsScale scale, CancellationToken cancellationToken)
    {
        var perBlock = Math.Max(1, scale.LockIterations / scale.LockBlocks);
        var errors = new DeltaCounter();
        var deltas = 0L;
        await using var rig = SessionRig.Start("sessions-lock", 1);
        var token = rig.Tokens[0];
        await rig.SubscribeAllAsync((_, _) => Interlocked.Increment(ref deltas), errors, cancellationToken);
        var state = new BenchState();
        var gate = new SemaphoreSlim(1, 1);

        async Task<(long[], double)> Actor()
        {
            var run = new LockRun(perBlock);
            BenchState.LockRuns[token] = run;
            var start = Stopwatch.GetTimestamp();
            rig.Hub.Send(token, BenchState.Events.Locker(perBlock));
            var finished = await Task.WhenAny(run.Done.Task, errors.Task).WaitAsync(cancellationToken);
            await finished;   // rethrows a background task's failure reported to the subscriber
            return (run.Samples, perBlock / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        Task<(long[], double)> Baseline() => Task.Run(
            async () =>
            {
                var samples = new long[perBlock];
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < perBlock; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        state.Count++;
                        var json = state.Delta();
                        state.ClearDirty();
                        if (json is not null)
                        {
                            Interlocked.Increment(ref deltas);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }

                    samples[i] = Stopwatch.GetTimestamp() - t0;
                }

                return (samples, perBlock / Stopwatch.GetElapsedTime(start).TotalSeconds);
            },
            cancellationToken);

        try
        {
            return await CompareAsync(scale.LockBlocks, [
                ("await sem.WaitAsync(); Count++; Delta(); sem.Release() (baseline)", Baseline),
                ("Background task: await using (await LockAsync(ct)) { Count++; }", Actor),
            ]);
        }
        finally
        {
            BenchState.LockRuns.TryRemove(token, out _);
        }
    }

    private static Task ProducePacedAsync(int sessions, int perSession, double rate, Action<int, int> send, CancellationToken cancellationToken)
    {
        var producers = Math.Min(Environment.ProcessorCount, sessions);
        var perProducer = rate / producers;
        return Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(
            async () =>
            {
                var owned = (sessions - p + producers - 1) / producers;   // sessions p, p + P, p + 2P, ...
                var total = (long)owned * perSession;
                var start = Stopwatch.GetTimestamp();
                for (long j = 0; j < total;)
                {
                    var due = Math.Min(total, 1 + (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * perProducer));
                    for (; j < due; j++)
                    {
                        send(p + ((int)(j % owned) * producers), (int)(j / owned));
                    }

                    if (j < total)
                    {
                        await Task.Delay(1, cancellationToken);
                    }
                }
            },
            cancellationToken)));
    }

    private static async Task<IReadOnlyList<LatencyResult>> CompareAsync(int rounds, (string Name, Func<Task<(long[] Samples, double Rate)>> Run)[] subjects)
    {
        foreach (var (_, run) in subjects)
        {
            await run();   // warm-up
        }

        var samples = subjects.Select(_ => new List<long>()).ToArray();
        var rates = subjects.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < subjects.Length; k++)
            {
                var i = (round + k) % subjects.Length;
                var (s, rate) = await subjects[i].Run();
                samples[i].AddRange(s);
                rates[i].Add(rate);
            }
        }

        return [.. subjects.Select((s, i) =>
        {
            var sorted = samples[i].ToArray();
            Array.Sort(sorted);
            return new LatencyResult(s.Name, sorted.Length, SessionMath.QuantileUs(sorted, 0.50), SessionMath.QuantileUs(sorted, 0.99), SessionMath.MeanUs(sorted), SessionMath.Median(rates[i]));
        })];
    }
}
