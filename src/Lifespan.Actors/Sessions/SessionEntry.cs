using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// A running session as <c>/user/sessions</c> knows it, with the counts that bound its queue: events on their way
/// through <c>/user/sessions</c>, events told to the session that it has not taken yet, and the work the session
/// itself holds queued (which it publishes here). <see cref="SessionHub"/> reads them to refuse an event before it
/// is sent, so that senders faster than the session cannot grow a mailbox without bound.
/// </summary>
internal sealed class SessionEntry(string token, string id)
{
    private const int Closed = 1 << 30;
    private int _route = Closed;        // senders inside the direct route, plus Closed while it is closed (see TryEnter)
    private int _inRegistry;            // messages SessionHub handed to /user/sessions for the session, not passed on yet
    private bool _current = true;
    private long _lastUsed = Environment.TickCount64;
    private int _pending;               // events admitted for the session that it has not received yet
    private int _queued;                // work the session holds queued (written by the session)
    private int _refused;               // events refused with no one to answer since the session last reported them
    private string? _refusedHandler;    // the last of them
    private IReadOnlyList<IActorRef> _subscribers = [];   // published by the session for GetRunningSessions

    /// <summary>The session's token.</summary>
    public string Token { get; } = token;

    /// <summary>The session's actor name and entity id: a one-way hash of <see cref="Token"/>.</summary>
    public string Id { get; } = id;

    /// <summary>The session's actor; set by <c>/user/sessions</c> when it starts one.</summary>
    public IActorRef Actor { get; set; } = ActorRefs.Nobody;

    /// <summary>When an event or request last went to the session (<see cref="Environment.TickCount64"/>).</summary>
    public long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set
        {
            if (Volatile.Read(ref _lastUsed) != value)
            {
                Volatile.Write(ref _lastUsed, value);   // within the same millisecond, no write: the line stays shared between cores
            }
        }
    }

    /// <summary>The session's subscribers, as the session last published them (it replaces the array, never changes it).</summary>
    public IReadOnlyList<IActorRef> Subscribers
    {
        get => Volatile.Read(ref _subscribers);
        set => Volatile.Write(ref _subscribers, value);
    }

    /// <summary>Whether this is the running incarnation of its session: cleared by <c>/user/sessions</c> (only) when its actor stops.</summary>
    public bool IsCurrent
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Whether the registry asked the session to save itself and stop (its messages wait in <see cref="Buffer"/>).</summary>
    public bool Passivating { get; set; }

    /// <summary>Messages that arrived while the session was saving itself, in arrival order.</summary>
    public List<(ISessionMessage Message, IActorRef Sender, bool Counted)>? Buffer { get; set; }

    /// <summary>
    /// Events waiting for the session, wherever they wait: a snapshot from any thread. The session's queue is read
    /// before the events on their way, and the session counts an event off the second before it queues it, so the
    /// snapshot may miss an event moving between the two but never counts one twice.
    /// </summary>
    public int Waiting
    {
        get
        {
            var queued = Volatile.Read(ref _queued);
            return queued + Volatile.Read(ref _pending);
        }
    }

    /// <summary>An event was admitted for the session: it counts as waiting until the session receives it.</summary>
    public void Counted() => Interlocked.Increment(ref _pending);

    /// <summary>The session received an event counted by <see cref="Counted"/> (session only).</summary>
    public void Received() => Interlocked.Decrement(ref _pending);

    /// <summary>
    /// Enters the direct route, through which a <see cref="SessionHandle"/> tells events to <see cref="Actor"/> without
    /// going through <c>/user/sessions</c>; <see langword="false"/> while it is closed. After <see langword="true"/>,
    /// call <see cref="Exit"/>. The registry closes the route only when no sender is inside, so every direct tell has
    /// reached the session's mailbox before the registry asks the session to save itself and stop.
    /// </summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _route) < Closed)
        {
            return true;
        }

        Interlocked.Decrement(ref _route);
        return false;
    }

    /// <summary>Leaves the direct route.</summary>
    public void Exit() => Interlocked.Decrement(ref _route);

    /// <summary>Closes the direct route if no sender is inside it (registry only); <see langword="false"/>: a send is under way.</summary>
    public bool TryClose() => Interlocked.CompareExchange(ref _route, Closed, 0) == 0;

    /// <summary>Opens the direct route (registry only): at a start, once the first messages were told, or after a declined passivation.</summary>
    public void Open()
    {
        if (Volatile.Read(ref _route) >= Closed)
        {
            Interlocked.Add(ref _route, -Closed);
        }
    }

    /// <summary>Whether messages SessionHub handed to <c>/user/sessions</c> for the session wait there still: a direct tell would overtake them.</summary>
    public bool HasMessagesInRegistry => Volatile.Read(ref _inRegistry) != 0;

    /// <summary>A message for the session is handed to <c>/user/sessions</c> (SessionHub).</summary>
    public void EnterRegistry() => Interlocked.Increment(ref _inRegistry);

    /// <summary><c>/user/sessions</c> passed a message counted by <see cref="EnterRegistry"/> on (told, buffered or refused it).</summary>
    public void LeaveRegistry() => Interlocked.Decrement(ref _inRegistry);

    /// <summary>The session's own count of queued work (session only).</summary>
    public void SetQueued(int count) => Volatile.Write(ref _queued, count);

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
}
