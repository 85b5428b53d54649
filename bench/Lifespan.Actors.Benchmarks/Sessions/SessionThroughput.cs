using System.Diagnostics;
using Lifespan.Actors.Sessions;

using Lifespan.Actors.State;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>
/// One subject's figures, medians over the rounds: events per second, bytes allocated per event, process CPU time per
/// event (every thread: producers, actors, the GC) and the share of the run's wall time spent in GC pauses.
/// </summary>
internal sealed record ThroughputResult(string Name, double EventsPerSecond, double BytesPerEvent, double CpuNsPerEvent, double GcPauseShare, IReadOnlyList<double> RoundOps);

/// <summary>
/// Events per second through the session actors against the same handler under a <see cref="SemaphoreSlim"/> per
/// session. Every subject runs once as a warm-up, then the subjects take turns for the given number of rounds (the
/// order rotates each round) and the figures are medians.
/// </summary>
internal static class SessionThroughput
{
    /// <summary>N events pipelined into one session, one subscriber; done when the N-th delta arrives.</summary>
    public static async Task<IReadOnlyList<ThroughputResult>> OneSessionAsync(SessionsScale scale, CancellationToken cancellationToken)
    {
        var n = scale.OneSessionEvents;
        var counter = new DeltaCounter();
        await using var rig = SessionRig.Start("sessions-one", 1);
        await rig.SubscribeAllAsync((_, _) => counter.Hit(), counter, cancellationToken);
        var token = rig.Tokens[0];
        var handle = rig.Handles[0];
        var locked = new LockedSession("b0", 0, (_, _) => counter.Hit(), counter);

        async Task Actor()
        {
            counter.Reset(n);
            await Task.Run(() => Produce(n, () => handle.Send(BenchState.Events.Increment()), cancellationToken), cancellationToken);
            await counter.WaitAsync("one session, actor", cancellationToken);
        }

        async Task ByToken()
        {
            counter.Reset(n);
            await Task.Run(() => Produce(n, () => rig.Hub.Send(token, BenchState.Events.Increment()), cancellationToken), cancellationToken);
            await counter.WaitAsync("one session, actor by token", cancellationToken);
        }

        async Task Direct()
        {
            var session = rig.SessionActors[0] ?? throw new InvalidOperationException("The session's actor was not seen as the sender of a delta.");
            counter.Reset(n);
            await Task.Run(() => Produce(n, () => session.Tell(new SessionEvent(token, BenchState.Events.Increment())), cancellationToken), cancellationToken);
            await counter.WaitAsync("one session, actor told directly", cancellationToken);
        }

        async Task Pipelined()
        {
            counter.Reset(n);
            await Task.Run(() => Produce(n, () => _ = locked.ApplyAsync(BenchState.Events.Increment()), cancellationToken), cancellationToken);
            await counter.WaitAsync("one session, SemaphoreSlim pipelined", cancellationToken);
        }

        async Task Sequential()
        {
            counter.Reset(n);
            await Task.Run(
                async () =>
                {
                    for (var i = 0; i < n; i++)
                    {
                        if ((i & 1023) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        await locked.ApplyAsync(BenchState.Events.Increment());
                    }
                },
                cancellationToken);
            await counter.WaitAsync("one session, SemaphoreSlim sequential", cancellationToken);
        }

        return await CompareAsync(n, scale.Rounds, [
            ("SemaphoreSlim per session, fire ApplyAsync per event (baseline)", Pipelined),
            ("SemaphoreSlim per session, await ApplyAsync in a loop (second baseline)", Sequential),
            ("Session actor: handle.Send per event", Actor),
            ("Session actor: hub.Send(token) per event", ByToken),
            ("Diagnostic: SessionEvent told to the session actor directly (bypassing /user/sessions)", Direct),
        ]);
    }

    /// <summary>
    /// Events spread round-robin over many subscribed sessions by one producer per core. For each run of
    /// <c>handle.Send</c>, <paramref name="routedShares"/> gets the share of the run after which <c>/user/sessions</c>
    /// had routed the last event (the warm-up run first).
    /// </summary>
    public static async Task<IReadOnlyList<ThroughputResult>> ManySessionsAsync(SessionsScale scale, List<double> routedShares, CancellationToken cancellationToken)
    {
        var (sessions, perSession) = (scale.Sessions, scale.EventsPerSession);
        var total = sessions * perSession;
        var counter = new DeltaCounter();
        await using var rig = SessionRig.Start("sessions-many", sessions);
        await rig.SubscribeAllAsync((_, _) => counter.Hit(), counter, cancellationToken);
        var locked = Enumerable.Range(0, sessions).Select(i => new LockedSession("b" + i, i, (_, _) => counter.Hit(), counter)).ToArray();

        async Task Actor()
        {
            var start = Stopwatch.GetTimestamp();
            counter.Reset(total);
            await ProduceRoundRobinAsync(sessions, perSession, s => rig.Handles[s].Send(BenchState.Events.Increment()), cancellationToken);

            // A marker behind the last event that /user/sessions answers itself (it refuses the token): its answer
            // says when the registry had routed every event, which the sessions may still be applying.
            var routed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var marker = new CallbackRef(rig.System, (message, _) =>
            {
                if (message is EventCompleted)
                {
                    routed.TrySetResult(Stopwatch.GetTimestamp());
                }
            });
            rig.Hub.Send("!marker", BenchState.Events.Increment(), marker);
            await counter.WaitAsync($"{sessions} sessions, actor", cancellationToken);
            var end = Stopwatch.GetTimestamp();
            var routedAt = await routed.Task.WaitAsync(cancellationToken);
            routedShares.Add((double)(routedAt - start) / (end - start));
        }

        async Task ByToken()
        {
            counter.Reset(total);
            await ProduceRoundRobinAsync(sessions, perSession, s => rig.Hub.Send(rig.Tokens[s], BenchState.Events.Increment()), cancellationToken);
            await counter.WaitAsync($"{sessions} sessions, actor by token", cancellationToken);
        }

        async Task Direct()
        {
            var actors = rig.SessionActors.Select(a => a ?? throw new InvalidOperationException("A session's actor was not seen as the sender of a delta.")).ToArray();
            counter.Reset(total);
            await ProduceRoundRobinAsync(sessions, perSession, s => actors[s].Tell(new SessionEvent(rig.Tokens[s], BenchState.Events.Increment())), cancellationToken);
            await counter.WaitAsync($"{sessions} sessions, actors told directly", cancellationToken);
        }

        async Task Baseline()
        {
            counter.Reset(total);
            await ProduceRoundRobinAsync(sessions, perSession, s => _ = locked[s].ApplyAsync(BenchState.Events.Increment()), cancellationToken);
            await counter.WaitAsync($"{sessions} sessions, SemaphoreSlim", cancellationToken);
        }

        return await CompareAsync(total, scale.Rounds, [
            ($"{sessions:N0} × (SemaphoreSlim, state), fire ApplyAsync per event (baseline)", Baseline),
            ($"{sessions:N0} session actors: handle.Send per event", Actor),
            ($"{sessions:N0} session actors: hub.Send(token) per event", ByToken),
            ($"Diagnostic: {sessions:N0} session actors told SessionEvents directly (bypassing /user/sessions)", Direct),
        ]);
    }

    /// <summary>
    /// One producer task per core; producer p owns the sessions p, p + P, p + 2P, ... and sends event k to each of
    /// them before event k + 1 (so a session's events come from one producer, in order).
    /// </summary>
    public static Task ProduceRoundRobinAsync(int sessions, int perSession, Action<int> send, CancellationToken cancellationToken)
    {
        var producers = Math.Min(Environment.ProcessorCount, sessions);
        return Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(
            () =>
            {
                for (var k = 0; k < perSession; k++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (var s = p; s < sessions; s += producers)
                    {
                        send(s);
                    }
                }
            },
            cancellationToken)));
    }

    private static void Produce(int n, Action send, CancellationToken cancellationToken)
    {
        for (var i = 0; i < n; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            send();
        }
    }

    public static async Task<IReadOnlyList<ThroughputResult>> CompareAsync(int eventsPerRun, int rounds, (string Name, Func<Task> Run)[] subjects)
    {
        foreach (var (_, run) in subjects)
        {
            await run();   // warm-up: JIT, pool threads, mailbox and dictionary capacity
        }

        var seconds = subjects.Select(_ => new List<double>()).ToArray();
        var bytes = subjects.Select(_ => new List<double>()).ToArray();
        var cpu = subjects.Select(_ => new List<double>()).ToArray();
        var pauses = subjects.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < subjects.Length; k++)
            {
                var i = (round + k) % subjects.Length;   // rotate so that no subject always follows the same one
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var (cpuBefore, pauseBefore) = (Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration());
                var start = Stopwatch.GetTimestamp();
                await subjects[i].Run();
                var wall = Stopwatch.GetElapsedTime(start);
                seconds[i].Add(wall.TotalSeconds);
                bytes[i].Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)eventsPerRun);
                cpu[i].Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalNanoseconds / eventsPerRun);
                pauses[i].Add((GC.GetTotalPauseDuration() - pauseBefore) / wall);
            }
        }

        return [.. subjects.Select((s, i) => new ThroughputResult(
            s.Name,
            eventsPerRun / SessionMath.Median(seconds[i]),
            SessionMath.Median(bytes[i]),
            SessionMath.Median(cpu[i]),
            SessionMath.Median(pauses[i]),
            [.. seconds[i].Select(x => eventsPerRun / x)]))];
    }
}
