namespace Lifespan.Actors.State;

/// <summary>
/// A running session as the registry knows it, and the direct route to it: <see cref="SessionHub.Send(string, StateEvent, IActorRef?, long, bool)"/> tells an
/// event straight to <see cref="Actor"/> while the route is open, instead of through <c>/user/sessions</c>.
/// </summary>
/// <remarks>
/// The registry alone changes an entry's registry-side state (on its own thread); senders only enter and leave the
/// route. A sender may use the route only while it is inside (<see cref="TryEnter"/> .. <see cref="Exit"/>), so the
/// registry can close it (<see cref="TryClose"/>) knowing that no direct send is half done: every direct send either
/// reached the actor's mailbox (or was applied by the sender, for an idle session) before the close, or goes through
/// the registry (which buffers it while the session saves).
/// </remarks>
internal sealed class SessionEntry(IActorRef actor)
{
    private const int Closed = 1 << 30;
    private int _route;   // Closed while the session is not to be told directly, plus the number of senders inside
    private long _lastUsed = Environment.TickCount64;
    private volatile bool _retired;
    private int _routing;               // events for the session waiting in /user/sessions (see RoutedEvent)
    private int _refused;               // events refused with no one to answer since the session last reported them
    private string? _refusedHandler;    // the last of them

    public IActorRef Actor { get; } = actor;

    /// <summary>The actor's mailbox, for a direct send without going through its reference and cell.</summary>
    public Mailbox Mailbox { get; } = ((LocalActorRef)actor).Cell.Mailbox;

    /// <summary>When an event or request last went to the session (<see cref="Environment.TickCount64"/>), by either route.</summary>
    public long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set => Volatile.Write(ref _lastUsed, value);
    }

    /// <summary>Whether the session has stopped: its route is closed for good, and a new incarnation has a new entry.</summary>
    public bool IsRetired => _retired;

    /// <summary>Whether the registry asked the session to save itself and stop (its messages wait in <see cref="Buffer"/>).</summary>
    public bool Passivating { get; set; }

    /// <summary>Messages that arrived while the session was saving itself, in arrival order.</summary>
    public List<(ISessionMessage Message, IActorRef Sender)>? Buffer { get; set; }

    /// <summary>
    /// Messages waiting for the session: on their way through <c>/user/sessions</c>, in its mailbox, and in its own
    /// queue behind a running handler. A snapshot from
    /// any thread, for bounding the session's queue (<see cref="SessionOptions.MaxQueuedEvents"/>).
    /// </summary>
    public int Waiting => Volatile.Read(ref _routing) + Mailbox.UserCount + (Mailbox.Cell.Actor is IHasQueuedWork own ? own.QueuedWork : 0);

    /// <summary>An event for the session is handed to <c>/user/sessions</c>; it counts as waiting until routed.</summary>
    public void BeginRouting() => Interlocked.Increment(ref _routing);

    /// <summary>An event counted by <see cref="BeginRouting"/> has been routed.</summary>
    public void EndRouting() => Interlocked.Decrement(ref _routing);

    /// <summary>
    /// Notes an event refused with no one to answer. The first since the session last reported asks it to tell its
    /// subscribers (<see cref="EventsRefused"/>); a flood of refusals costs one message, not one each.
    /// </summary>
    public void NoteRefused(string handler)
    {
        Volatile.Write(ref _refusedHandler, handler);
        if (Interlocked.Increment(ref _refused) == 1)
        {
            Actor.Tell(new EventsRefused(this));
        }
    }

    /// <summary>How many events were refused since the last call, and the last one's handler (the session only).</summary>
    public (int Count, string? Handler) TakeRefused() => (Interlocked.Exchange(ref _refused, 0), Volatile.Read(ref _refusedHandler));

    /// <summary>Enters the route; <see langword="false"/> when it is closed. After <see langword="true"/>, call <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _route) < Closed)
        {
            return true;
        }

        Interlocked.Decrement(ref _route);
        return false;
    }

    /// <summary>Leaves the route.</summary>
    public void Exit() => Interlocked.Decrement(ref _route);

    /// <summary>Closes the route if no sender is inside it (registry only). <see langword="false"/>: a send is under way.</summary>
    public bool TryClose() => Interlocked.CompareExchange(ref _route, Closed, 0) == 0;

    /// <summary>Closes the route for good, waiting for no one: the session has stopped (registry only).</summary>
    public void Close()
    {
        _retired = true;
        if (Volatile.Read(ref _route) < Closed)
        {
            Interlocked.Add(ref _route, Closed);
        }
    }

    /// <summary>Opens the route closed by <see cref="TryClose"/> again (registry only, after its buffer has been delivered).</summary>
    public void Reopen()
    {
        if (Volatile.Read(ref _route) >= Closed)
        {
            Interlocked.Add(ref _route, -Closed);
        }
    }
}
