namespace Lifespan.Actors;

/// <summary>
/// The parts of a cell most actors never use (watchers, stash, timers, async handler state), allocated on
/// first use so that an idle actor stays small.
/// </summary>
internal sealed class CellExtras
{
    public HashSet<InternalActorRef>? Watching;
    public HashSet<InternalActorRef>? WatchedBy;
    public HashSet<InternalActorRef>? TerminatedQueued;
    public HashSet<ActorCell>? StoppingChildren;
    public List<InternalActorRef>? EscalatedChildren;
    public long ChildNameCounter;

    public List<Envelope>? Stash;
    public LinkedList<Envelope>? Unstashed;

    public TimerScheduler? Timers;
    public CancellationTokenSource? Cancellation;
    public Task? PendingAsync;
    public ITimer? AsyncStopTimer;

    public TimeSpan? ReceiveTimeout;
    public ITimer? ReceiveTimeoutTimer;
    public int ReceiveTimeoutGeneration;

    public int RestartCount;
    public long RestartWindowStart;

    public Exception? RecreateCause;
    public Exception? Failure;          // set while the actor waits for its supervisor's decision
    public int AncestorHolds;           // Suspends from the parent not yet undone (an ancestor failed)
    public bool ChildrenHeld;           // whether the children were last told to wait
    public object? FailedMessage;
}

/// <summary>A message with its sender, as kept in a stash.</summary>
internal readonly record struct Envelope(object Message, InternalActorRef? Sender);
