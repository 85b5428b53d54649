using Microsoft.Extensions.Logging;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>What every session of one <see cref="SessionHub"/> shares: options, store, logger and the running background tasks.</summary>
internal sealed class SessionRuntime(SessionOptions options, IStateStore store, ILogger logger, TimeProvider time, IServiceProvider? services = null)
{
    private long _nextTaskId;
    private volatile bool _closed;

    public SessionOptions Options { get; } = options;

    public IReadOnlyList<StateType> States { get; } = options.StateTypes;

    public IStateStore Store { get; } = store;

    public ILogger Logger { get; } = logger;

    public TimeProvider Time { get; } = time;

    /// <summary>Names each session's actor by a hash of its token.</summary>
    public SessionMessageExtractor Extractor { get; } = new();

    /// <summary>What <see cref="State.State.Services"/> returns in every session.</summary>
    public IServiceProvider Services { get; } = services ?? NoServices.Instance;

    public BackgroundTaskCollection BackgroundTasks { get; } = new();

    /// <summary>Handler names already resolved (every session holds the same state classes in the same order).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, ResolvedHandler> ResolvedHandlers { get; } = new(StringComparer.Ordinal);

    /// <summary>The handler resolved last: events usually repeat a name, often the very same string (a generated <c>Events</c> literal).</summary>
    public ResolvedHandler? LastResolved { get; set; }

    /// <summary>The running sessions by token: written by <c>/user/sessions</c> only, read by <see cref="SessionHub"/> to route events directly.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, SessionEntry> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Set at shutdown: no background task starts any more.</summary>
    public bool IsClosed => _closed;

    public void Close() => _closed = true;

    public long NextTaskId() => Interlocked.Increment(ref _nextTaskId);

    private int _routingNew;          // events for sessions not running yet, waiting in /user/sessions
    private long _lastUnroutedWarning = long.MinValue;

    /// <summary>
    /// The most events for sessions not running yet that may wait in <c>/user/sessions</c> at once: a first event for
    /// each of <see cref="SessionOptions.MaxSessions"/> new sessions (or <see cref="SessionOptions.MaxQueuedEvents"/>,
    /// if more). Once a session runs, its own queue limit counts its events.
    /// </summary>
    public int MaxRoutingNew => Math.Max(Options.MaxSessions, Options.MaxQueuedEvents);

    /// <summary>
    /// Counts an event for a session that is not running yet, handed to <c>/user/sessions</c>; <see langword="false"/>
    /// (nothing counted) when <see cref="MaxRoutingNew"/> such events wait there already.
    /// </summary>
    public bool TryBeginRoutingNew()
    {
        if (Interlocked.Increment(ref _routingNew) <= MaxRoutingNew)
        {
            return true;
        }

        Interlocked.Decrement(ref _routingNew);
        return false;
    }

    /// <summary>An event counted by <see cref="TryBeginRoutingNew"/> has been routed.</summary>
    public void EndRoutingNew() => Interlocked.Decrement(ref _routingNew);

    /// <summary>Whether events for sessions not running yet wait in <c>/user/sessions</c> (a handle then sends through it too).</summary>
    public bool IsRoutingNew => Volatile.Read(ref _routingNew) != 0;

    /// <summary>Whether a refusal no one hears of should be logged now: at most one warning a second, however many.</summary>
    public bool ShouldWarnUnrouted()
    {
        var now = Environment.TickCount64;
        var last = Volatile.Read(ref _lastUnroutedWarning);
        return now - last >= 1000 && Interlocked.CompareExchange(ref _lastUnroutedWarning, now, last) == last;
    }

    /// <summary>Why event <paramref name="handler"/> was refused, with <paramref name="waiting"/> events of its session waiting already.</summary>
    public string QueueFull(string handler, int waiting) =>
        $"Event {handler} was refused: {waiting} events of this session are already waiting " +
        $"(lifespan.sessions.max-queued-events = {Options.MaxQueuedEvents}). Send more once earlier ones have been applied.";

    /// <summary>Why <paramref name="count"/> events, the last of them <paramref name="handler"/>, were refused before they reached their session.</summary>
    public string QueueWasFull(int count, string handler) =>
        (count == 1 ? $"Event {handler} was refused: " : $"{count} events were refused, the last of them {handler}: ") +
        $"the session's queue was full (lifespan.sessions.max-queued-events = {Options.MaxQueuedEvents}). Send more once earlier ones have been applied.";

    /// <summary>Whether <paramref name="sender"/> is someone to answer: not absent, <see cref="ActorRefs.Nobody"/> or dead letters.</summary>
    public static bool IsReplyable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IActorRef? sender) => !sender.IsNobody();

    /// <summary>
    /// Whether an event for the running session <paramref name="entry"/> may join what waits for it. When
    /// <see cref="SessionOptions.MaxQueuedEvents"/> messages wait already, the event is refused: <paramref name="replyTo"/>
    /// is answered, or without one the session reports the refusal to its subscribers (<see cref="SessionEntry.NoteRefused"/>).
    /// </summary>
    public bool Admit(SessionEntry entry, string token, StateEvent @event, IActorRef? replyTo, long correlationId)
    {
        var waiting = entry.Waiting;
        if (waiting < Options.MaxQueuedEvents)
        {
            return true;
        }

        if (IsReplyable(replyTo))
        {
            replyTo.Tell(new EventCompleted(token, @event.Handler, QueueFull(@event.Handler, waiting), correlationId));
        }
        else
        {
            entry.NoteRefused(@event.Handler);
        }

        return false;
    }
}
