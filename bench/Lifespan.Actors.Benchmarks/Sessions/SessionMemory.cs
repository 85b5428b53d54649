using System.Collections.Concurrent;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>Memory retained by N idle subjects: total bytes and bytes per subject.</summary>
internal sealed record MemoryResult(string Name, int Count, long RetainedBytes)
{
    public double BytesPerItem => (double)RetainedBytes / Count;

    public double TotalMegabytes => RetainedBytes / (1024.0 * 1024.0);
}

/// <summary>
/// Memory per idle subject: <see cref="GC.GetTotalMemory(bool)"/> after full, compacting collections, before and after
/// N subjects exist, divided by N. Sessions have each applied one event (<see cref="SessionHub.DispatchAsync"/>; no
/// subscribers, passivation far away); each session's token (a fresh 22-character <see cref="SessionToken.New"/>) is
/// created after the first reading, so it is counted: a real session needs one. The baseline is N
/// (<see cref="SemaphoreSlim"/>, state) pairs in a dictionary keyed by the same kind of token, each after one applied
/// event. For reference, N idle Akka actors (a <see cref="ReceiveActor"/> with one handler, no state).
/// </summary>
internal static class SessionMemory
{
    private const int Concurrency = 64;

    public static async Task<MemoryResult> SessionsAsync(int count, CancellationToken cancellationToken)
    {
        var tokens = new string[count];
        await using var rig = SessionRig.Start("memory-sessions", 0, maxSessions: count + 1);
        await rig.Hub.DispatchAsync("warm", BenchState.Events.Increment(), cancellationToken);   // /user/sessions exists and has seen a session

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
        await Task.Delay(100, cancellationToken);   // not synchronisation: lets the last mailbox runs end before the reading
        var after = Settle();
        GC.KeepAlive(tokens);
        GC.KeepAlive(rig);
        return new MemoryResult("Session with its Akka actor (one event applied each)", count, after - before);
    }

    public static MemoryResult Baseline(int count)
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

    /// <summary>N idle Akka actors under <c>/user</c>, each counted once its <c>PreStart</c> has run.</summary>
    public static async Task<MemoryResult> IdleActorsAsync(int count)
    {
        var actors = new IActorRef[count];
        var system = ActorSystem.Create("memory-actors", "akka.loglevel = WARNING");
        try
        {
            var started = new Countdown();
            started.Reset(1);
            system.ActorOf(Props.Create(() => new IdleActor(started)));   // the guardian has a child before the first reading
            await started.WaitAsync("starting the first actor");

            started.Reset(count);
            var props = Props.Create(() => new IdleActor(started));
            var before = Settle();
            for (var i = 0; i < count; i++)
            {
                actors[i] = system.ActorOf(props);
            }

            await started.WaitAsync("starting idle actors");
            await Task.Delay(100);   // not synchronisation: lets the last mailbox runs end before the reading
            var after = Settle();
            GC.KeepAlive(actors);
            return new MemoryResult("Idle Akka actor (ReceiveActor, one handler; reference)", count, after - before);
        }
        finally
        {
            await system.Terminate().WaitAsync(BenchScale.Deadline);
        }
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

    /// <summary>An actor that only exists: one handler, no state; signals when it has started.</summary>
    private sealed class IdleActor : ReceiveActor
    {
        private readonly Countdown _started;

        public IdleActor(Countdown started)
        {
            _started = started;
            Receive<string>(static _ => { });
        }

        protected override void PreStart() => _started.Signal();
    }
}
