using Microsoft.Extensions.Logging;

namespace Lifespan.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox, its current message, its children and watchers, and the
/// instance of the user's actor class (replaced on restart). The cell is also the actor's
/// <see cref="IActorContext"/>; its state lives in fields, not in thread-locals, so <c>Self</c>,
/// <c>Sender</c> and <c>Context</c> stay right after any <c>await</c>, with or without <c>ConfigureAwait(false)</c>.
/// </summary>
internal sealed partial class ActorCell : IActorContext, IStash
{
    private const int StateCreating = 0, StateRunning = 1, StateRecreating = 2, StateTerminating = 3, StateTerminated = 4;

    [ThreadStatic] private static ActorCell? t_running;
    [ThreadStatic] private static ActorCell? t_constructing;
    private static readonly AsyncLocal<ActorCell?> s_asyncCurrent = new();

    private readonly string _name;
    private ActorPath? _path;
    private ReceiveActor? _actor;
    private object? _currentMessage;
    private InternalActorRef? _currentSender;
    private volatile int _state;
    private Dictionary<string, ActorCell>? _children;
    private CellExtras? _extras;

    // Read for every message, so kept here rather than read from the extras (which every watched actor has): a
    // message then touches the cell alone. Flags, so that they fit in the cell's padding.
    private bool _currentStashed;
    private bool _hasUnstashed;         // whether _extras.Unstashed has messages (see UnstashedChanged)
    private bool _hasReceiveTimeout;    // whether _extras.ReceiveTimeout is set

    public ActorCell(ActorSystem system, Props props, InternalActorRef? parent, string name)
    {
        System = system;
        Props = props;
        ParentRef = parent;
        _name = name;
        SelfRef = new LocalActorRef(this);
        Mailbox = new Mailbox(this);
    }

    /// <summary>The actor whose code runs on this thread or in this async flow, if any.</summary>
    public static ActorCell? Current => s_asyncCurrent.Value ?? t_running;

    /// <summary>The cell whose actor is being constructed on this thread.</summary>
    public static ActorCell? Constructing => t_constructing;

    public ActorSystem System { get; }

    public Props Props { get; }

    public InternalActorRef? ParentRef { get; }

    public LocalActorRef SelfRef { get; }

    public Mailbox Mailbox { get; }

    public string Name => _name;

    public ActorPath Path => _path ??= ParentRef is null ? ActorPath.CreateRoot(System.Name) : ParentRef.Path.Child(_name);

    public bool IsTerminated => Mailbox.IsClosed;

    public bool HasUnstashed => _hasUnstashed;

    internal object? CurrentMessage => _currentMessage;

    internal ReceiveActor? Actor => _actor;

    /// <summary>Restart bookkeeping kept here on behalf of the parent's supervisor strategy (only ever touched by the parent).</summary>
    internal ref int RestartCount => ref Extras.RestartCount;

    /// <summary>Start of the current restart window, in <see cref="TimeProvider"/> timestamp ticks.</summary>
    internal ref long RestartWindowStart => ref Extras.RestartWindowStart;

    /// <summary>The rarely used parts, created on first use; an async handler's continuation may race the mailbox here.</summary>
    private CellExtras Extras => _extras ?? Interlocked.CompareExchange(ref _extras, new CellExtras(), null) ?? _extras;

    private ILogger Log => System.KernelLogger;

    /// <summary>Queues the <see cref="Create"/> message that constructs the actor on its first run.</summary>
    public void Start()
    {
        System.Metrics.ActorStarted();
        Mailbox.PostSystem(new Create());
    }

    /// <summary>Marks an async handler's flow as belonging to <paramref name="cell"/>; returns the previous owner.</summary>
    internal static ActorCell? EnterAsync(ActorCell cell)
    {
        var previous = s_asyncCurrent.Value;
        s_asyncCurrent.Value = cell;
        return previous;
    }

    internal static void ExitAsync(ActorCell? previous) => s_asyncCurrent.Value = previous;

    /// <summary>One mailbox run: all system messages, then up to <paramref name="throughput"/> user messages.</summary>
    public void RunBatch(Mailbox mailbox, int throughput)
    {
        t_running = this;
        var processed = 0;
        try
        {
            ProcessSystemMessages();
            while (processed < throughput && !mailbox.IsSuspended && !mailbox.IsClosed && TryTakeUserMessage(out var message, out var sender))
            {
                Invoke(message, sender);
                processed++;
                ProcessSystemMessages();
            }
        }
        finally
        {
            t_running = null;
            if (processed > 0)
            {
                System.Metrics.MessagesProcessed(processed);
            }
        }
    }

    /// <summary>
    /// Whether the calling thread may run an actor's turn inline: it is not running an actor (or an actor's async
    /// flow), and neither a synchronization context nor a task scheduler would capture the turn's continuations.
    /// </summary>
    /// <param name="inDefaultContext">Whether the thread is in the default execution context (which has no actor's flow in it).</param>
    /// <param name="running">The actor the calling thread runs (its <see cref="RunningSlot"/>).</param>
    internal static bool CanRunInlineHere(bool inDefaultContext, ActorCell? running) =>
        running is null && SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default
        && (inDefaultContext || s_asyncCurrent.Value is null);

    /// <summary>
    /// Which actor the calling thread runs, as a reference to the thread's own slot: an inline run checks, sets and
    /// clears it with one thread-static look-up instead of three. Use it on the calling thread only.
    /// </summary>
    internal static ref ActorCell? RunningSlot => ref t_running;

    /// <summary>Whether the actor instance exists and runs (not being created, restarted or stopped).</summary>
    internal bool IsReady => _state == StateRunning && _actor is not null;

    /// <summary>One user message processed on the calling thread, as a run of its own (the mailbox has been claimed).</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    /// <param name="running">The calling thread's <see cref="RunningSlot"/>.</param>
    public void RunInline(object message, InternalActorRef? sender, ref ActorCell? running)
    {
        running = this;
        try
        {
            Invoke(message, sender);
        }
        finally
        {
            running = null;
            System.Metrics.MessagesProcessed(1);
        }
    }

    private void ProcessSystemMessages()
    {
        while (!Mailbox.IsClosed && Mailbox.TakeSystemMessage() is { } message)
        {
            try
            {
                SystemInvoke(message);
            }
            catch (Exception ex)
            {
                KernelLog.SystemMessageFailed(Log, Path, message.GetType().Name, ex);
            }
        }
    }

    private bool TryTakeUserMessage(out object message, out InternalActorRef? sender)
    {
        if (_hasUnstashed && _extras!.Unstashed is { Count: > 0 } unstashed)
        {
            var envelope = unstashed.First!.Value;
            unstashed.RemoveFirst();
            UnstashedChanged();
            (message, sender) = (envelope.Message, envelope.Sender);
            return true;
        }

        return Mailbox.TryDequeueUser(out message, out sender);
    }

    private void SystemInvoke(SystemMessage message)
    {
        switch (message)
        {
            case Create: HandleCreate(); break;
            case AsyncHandlerCompleted c: HandleAsyncCompleted(c.Task); break;
            case DeathWatchNotification n: HandleDeathWatchNotification(n.Actor); break;
            case Failed f: HandleFailed(f); break;
            case Terminate: HandleTerminate(); break;
            case Watch w: HandleWatch(w); break;
            case Unwatch u: HandleUnwatch(u); break;
            case Recreate r: HandleRecreate(r.Cause); break;
            case Resume r: HandleResume(r.CausedByFailure); break;
            case Suspend: HandleSuspend(); break;
            case AsyncHandlerStopTimedOut t: HandleAsyncStopTimedOut(t.Task); break;
        }
    }

    /// <summary>Creates the user's actor instance with this cell as its context.</summary>
    private void NewActor()
    {
        _actor = null;
        t_constructing = this;
        try
        {
            var actor = Props.NewActor(System);
            if (!ReferenceEquals(actor.Cell, this))
            {
                throw new InvalidOperationException(
                    $"The Props for {Path} returned an actor that was not created by it; a Props factory must create a new instance (new MyActor(...)) on every call.");
            }

            _actor = actor;
        }
        finally
        {
            t_constructing = null;
        }
    }
}
