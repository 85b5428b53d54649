using System.Diagnostics;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>Sizes of the session measurements; <see cref="Smoke"/> runs every code path in a few seconds.</summary>
internal sealed record SessionsScale(
    int Rounds,
    int OneSessionEvents,
    int Sessions,
    int EventsPerSession,
    int LatencySessions,
    int LatencyEventsPerSession,
    int LatencyRounds,
    int LockIterations,
    int LockBlocks,
    TimeSpan Deadline)
{
    public static SessionsScale Full(int rounds) => new(rounds, 100_000, 10_000, 20, 1_000, 100, 3, 20_000, 10, TimeSpan.FromMinutes(2));

    public static SessionsScale Smoke { get; } = new(1, 2_000, 200, 5, 50, 10, 1, 200, 2, TimeSpan.FromSeconds(30));
}

/// <summary>
/// An Akka <see cref="ActorSystem"/> with a <see cref="SessionHub"/> (<c>SessionHub.Start</c>) holding only
/// <see cref="BenchState"/>, sessions named <c>s0</c>, <c>s1</c>, ... and, when asked, one <see cref="CallbackRef"/>
/// subscriber per session.
/// </summary>
internal sealed class SessionRig : IAsyncDisposable
{
    private SessionRig(ActorSystem system, SessionHub hub, string[] tokens)
    {
        System = system;
        Hub = hub;
        Tokens = tokens;
        SessionActors = new IActorRef?[tokens.Length];
        Handles = [.. tokens.Select(hub.GetSession)];
    }

    public ActorSystem System { get; }

    public SessionHub Hub { get; }

    public string[] Tokens { get; }

    /// <summary>A <see cref="SessionHandle"/> per session, as a client connection keeps one.</summary>
    public SessionHandle[] Handles { get; }

    /// <summary>Each session's actor, as seen as the sender of its first delta (for the diagnostics that bypass <c>/user/sessions</c>).</summary>
    public IActorRef?[] SessionActors { get; }

    /// <summary>
    /// The producers pipeline events without waiting, as the baseline does; a session's default queue limit (1,000)
    /// would refuse most of them, so it is lifted: the measurement is of the event path, not of the limit.
    /// </summary>
    public const int MaxQueuedEvents = 10_000_000;

    public static SessionRig Start(string name, int sessions, int maxSessions = 100_000)
    {
        var system = ActorSystem.Create(name, "akka.loglevel = WARNING");
        var options = new SessionOptions
        {
            PassivateAfter = TimeSpan.FromHours(1),
            MaxSessions = Math.Max(maxSessions, sessions),
            MaxQueuedEvents = MaxQueuedEvents,
        }.AddState<BenchState>();
        var hub = SessionHub.Start(system, options);
        return new SessionRig(system, hub, [.. Enumerable.Range(0, sessions).Select(i => "s" + i)]);
    }

    /// <summary>Subscribes a <see cref="CallbackRef"/> to every session; it calls <paramref name="onDelta"/> with the session's index.</summary>
    public async Task SubscribeAllAsync(Action<int, string> onDelta, DeltaCounter errors, CancellationToken cancellationToken)
    {
        const int batch = 500;
        for (var from = 0; from < Tokens.Length; from += batch)
        {
            var subscriptions = new List<Task>(batch);
            for (var i = from; i < Math.Min(Tokens.Length, from + batch); i++)
            {
                var index = i;
                var subscriber = new CallbackRef(System, (message, sender) =>
                {
                    switch (message)
                    {
                        case SessionDelta d:
                            SessionActors[index] ??= sender;
                            onDelta(index, d.Json);
                            break;
                        case SessionError e:
                            errors.Fail($"session {e.Token}: {e.Handler}: {e.Message}");
                            break;
                    }
                });
                subscriptions.Add(Hub.SubscribeAsync(Tokens[i], subscriber, cancellationToken));
            }

            await Task.WhenAll(subscriptions).WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromMinutes(1));
}

/// <summary>
/// The baseline: a session as a plain object guarded by a <see cref="SemaphoreSlim"/>. It applies the same handler,
/// takes the same delta (<see cref="State.State.Delta"/> + <see cref="State.State.ClearDirty"/>) and hands it to its
/// subscriber callback synchronously, as the session calls its <see cref="CallbackRef"/> subscriber on its own thread.
/// </summary>
internal sealed class LockedSession(string token, int index, Action<int, string> onDelta, DeltaCounter errors)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BenchState State { get; } = new();

    public async Task ApplyAsync(StateEvent @event)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            switch (@event.Handler)
            {
                case "BenchState.Increment":
                    State.Increment();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown handler {@event.Handler}.");
            }

            var json = State.Delta();
            State.ClearDirty();
            if (json is not null)
            {
                var delta = new SessionDelta(token, json);
                onDelta(index, delta.Json);
            }
        }
        catch (Exception ex)
        {
            errors.Fail($"baseline session {index}: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Completes when it has been hit the armed number of times, or fails at once with the first error reported.</summary>
internal sealed class DeltaCounter
{
    private int _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _done.Task;

    public void Reset(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
    }

    public void Hit()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    public void Fail(string error) => _done.TrySetException(new InvalidOperationException(error));

    /// <summary>Waits for the count, failing at the deadline instead of hanging.</summary>
    public async Task WaitAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await _done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"{what}: not done before the deadline ({Volatile.Read(ref _remaining)} deltas outstanding).", ex);
        }
    }
}

/// <summary>Small helpers shared by the session measurements.</summary>
internal static class SessionMath
{
    /// <summary>The counter in a delta (<c>{"BenchState":{"count":12}}</c> or <c>{"count":12}</c>).</summary>
    public static int ParseCount(string json)
    {
        var i = json.LastIndexOf(':') + 1;
        var n = 0;
        for (; i < json.Length && char.IsAsciiDigit(json[i]); i++)
        {
            n = (n * 10) + (json[i] - '0');
        }

        return n;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The <paramref name="q"/> quantile of Stopwatch tick samples, in microseconds (nearest rank).</summary>
    public static double QuantileUs(long[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1))] * 1_000_000.0 / Stopwatch.Frequency;

    public static double MeanUs(long[] samples) => samples.Length == 0 ? double.NaN : samples.Average() * 1_000_000.0 / Stopwatch.Frequency;
}
