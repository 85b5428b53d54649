using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>Client sessions: which state classes a session holds, and its limits. Bound from <c>lifespan.sessions</c>.</summary>
public sealed class SessionOptions
{
    private readonly List<StateType> _states = [];

    /// <summary>How long a session may go without events before it is saved to the <see cref="IStateStore"/> and its actor stops. Default 5 minutes.</summary>
    /// <remarks>A session with subscribers or running background tasks is never passivated.</remarks>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most sessions alive at once; an event for a new session beyond it is refused. Default 100,000.</summary>
    public int MaxSessions { get; set; } = 100_000;

    /// <summary>The most events waiting in one session; an event beyond it is refused. Default 1,000.</summary>
    public int MaxQueuedEvents { get; set; } = 1_000;

    /// <summary>A background task holding a session's lock longer than this is logged as a warning. Default 1 second.</summary>
    public TimeSpan LockWarningAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether a client is told the message of an exception its event's handler threw. Default <see langword="false"/>:
    /// it is told the event failed, and the log has the exception. Errors in the event itself (unknown handler, bad
    /// payload, write outside the lock) are always described.
    /// </summary>
    public bool DetailedErrors { get; set; }

    /// <summary>How long <see cref="SessionHub"/>'s request methods wait for the session to answer. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The state classes every session holds, in registration order.</summary>
    public IReadOnlyList<Type> States => [.. _states.Select(s => s.Type)];

    internal IReadOnlyList<StateType> StateTypes => _states;

    /// <summary>Adds <typeparamref name="TState"/> to every session; events address its handlers as <c>TState.Handler</c>.</summary>
    /// <exception cref="InvalidOperationException">Another state class of the same name is registered.</exception>
    public SessionOptions AddState<TState>() where TState : global::Lifespan.Actors.State.State, new()
    {
        var type = StateType.Create<TState>();
        if (_states.Any(s => s.Type == typeof(TState)))
        {
            return this;
        }

        if (_states.FirstOrDefault(s => s.Name == type.Name) is { } clash)
        {
            throw new InvalidOperationException(
                $"Two state classes are named {type.Name} ({clash.Type.FullName} and {typeof(TState).FullName}); events address states by class name, so rename one.");
        }

        _states.Add(type);
        return this;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(PassivateAfter > TimeSpan.Zero, "passivate-after", PassivateAfter, "be positive");
        Require(MaxSessions > 0, "max-sessions", MaxSessions, "be at least 1");
        Require(MaxQueuedEvents > 0, "max-queued-events", MaxQueuedEvents, "be at least 1");
        Require(LockWarningAfter > TimeSpan.Zero, "lock-warning-after", LockWarningAfter, "be positive");
        Require(RequestTimeout > TimeSpan.Zero, "request-timeout", RequestTimeout, "be positive");
    }

    private static void Require(bool ok, string key, object value, string rule)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"lifespan.sessions.{key} must {rule} (it is {value}).");
        }
    }
}
