using System.Collections.Concurrent;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>Memory retained by N idle sessions: total bytes and bytes per session.</summary>
internal sealed record MemoryResult(string Name, int Count, long RetainedBytes)
{
    public double BytesPerSession => (double)RetainedBytes / Count;

    public double TotalMegabytes => RetainedBytes / (1024.0 * 1024.0);
}

/// <summary>
/// Memory per idle session: <see cref="GC.GetTotalMemory(bool)"/> after full, compacting collections, before and after
/// N sessions have each applied one event (<see cref="SessionHub.DispatchAsync"/>; no subscribers, passivation far
/// away). Each session's token (a fresh 22-character <see cref="SessionToken.New"/>) is created after the first
/// reading, so it is counted: a real session needs one. The baseline is N (<see cref="SemaphoreSlim"/>, state) pairs
/// in a dictionary keyed by the same kind of token, each after one applied event.
/// </summary>
internal static class SessionMemory
{
    private const int Concurrency = 64;

    public static async Task<IReadOnlyList<MemoryResult>> RunAsync(SessionsScale scale, CancellationToken cancellationToken)
    {
        var count = scale.IdleSessions;
        await MeasureSessionsAsync(Math.Min(count, 1_000), cancellationToken);   // warm-up: JIT and type loading are not counted
        MeasureBaseline(Math.Min(count, 1_000));
        var baseline = MeasureBaseline(count);
        var actors = await MeasureSessionsAsync(count, cancellationToken);
        return [baseline, actors];
    }

    private static async Task<MemoryResult> MeasureSessionsAsync(int count, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await using var rig = SessionRig.Start("sessions-memory", 0, maxSessions: count + 1);
        await rig.Hub.DispatchAsync("warm", BenchState.Events.Increment(), cancellationToken);   // the registry exists and has seen a session

        var before = Settle();
        for (var i = 0; i < count; i++)
        {
            tokens[i] = SessionToken.New();
        }

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    await rig.Hub.DispatchAsync(tokens[i], BenchState.Events.Increment(), cancellationToken);
                }
            },
            cancellationToken)));
        await Task.Delay(100, cancellationToken);   // let the last replies and mailbox runs finish
        var after = Settle();
        GC.KeepAlive(tokens);
        GC.KeepAlive(rig);
        return new MemoryResult("Session actors (one event applied each)", count, after - before);
    }

    private static MemoryResult MeasureBaseline(int count)
    {
        var errors = new DeltaCounter();
        var sessions = new ConcurrentDictionary<string, LockedSession>(StringComparer.Ordinal);
        var before = Settle();
        for (var i = 0; i < count; i++)
        {
            var token = SessionToken.New();
            var session = new LockedSession(token, i, static (_, _) => { }, errors);
            sessions[token] = session;
            if (!session.ApplyAsync(BenchState.Events.Increment()).IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("An uncontended baseline event did not complete synchronously.");
            }
        }

        var after = Settle();
        GC.KeepAlive(sessions);
        return new MemoryResult("ConcurrentDictionary<token, (SemaphoreSlim, state)> (baseline)", count, after - before);
    }

    private static long Settle()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
