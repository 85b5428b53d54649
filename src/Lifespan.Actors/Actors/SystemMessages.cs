namespace Lifespan.Actors;

/// <summary>
/// A message of the kernel's own protocol. System messages go through a queue of their own that is
/// drained before any user message; each instance is linked into one queue only once.
/// </summary>
internal abstract class SystemMessage
{
    public SystemMessage? Next;
}

/// <summary>Construct the actor and run <c>PreStart</c>.</summary>
internal sealed class Create : SystemMessage;

/// <summary>Restart the actor after <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>
/// Go on: after this actor's own failure, which its supervisor chose to ignore (<see cref="CausedByFailure"/>), or
/// after an ancestor's, undoing a <see cref="Suspend"/>.
/// </summary>
internal sealed class Resume(bool causedByFailure) : SystemMessage
{
    public bool CausedByFailure { get; } = causedByFailure;
}

/// <summary>An ancestor failed: hold user messages until a <see cref="Resume"/> that is not <see cref="Resume.CausedByFailure"/>.</summary>
internal sealed class Suspend : SystemMessage;

/// <summary>Stop the actor: children first, then <c>PostStop</c>, then tell parent and watchers.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary><see cref="Watcher"/> wants a <see cref="Terminated"/> when <see cref="Watchee"/> stops.</summary>
internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary><see cref="Watcher"/> no longer watches <see cref="Watchee"/>.</summary>
internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;
    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary><see cref="Actor"/> has terminated (sent to its parent and to its watchers).</summary>
internal sealed class DeathWatchNotification(InternalActorRef actor) : SystemMessage
{
    public InternalActorRef Actor { get; } = actor;
}

/// <summary>A child failed with <see cref="Cause"/> and waits for its supervisor's directive.</summary>
internal sealed class Failed(InternalActorRef child, Exception cause) : SystemMessage
{
    public InternalActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
}

/// <summary>The async handler that suspended the actor has finished.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}

/// <summary>A stopping actor's async handler ignored cancellation for longer than allowed.</summary>
internal sealed class AsyncHandlerStopTimedOut(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
