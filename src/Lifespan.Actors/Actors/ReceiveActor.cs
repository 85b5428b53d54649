namespace Lifespan.Actors;

/// <summary>
/// Base class for actors. Register handlers in the constructor with <see cref="Receive{T}(Action{T}, Predicate{T}?)"/>,
/// <see cref="ReceiveAsync{T}(Func{T, Task}, Predicate{T}?)"/> and <see cref="ReceiveAny"/>; the first handler whose type
/// and predicate match a message handles it. Messages are processed one at a time; an async handler holds back
/// the next message until it completes.
/// </summary>
public abstract partial class ReceiveActor
{
    private HandlerSet _handlers = new();
    private Stack<HandlerSet>? _behaviors;
    private HandlerSet? _configuring;

    /// <summary>Binds the actor to the context it is being created in.</summary>
    /// <exception cref="InvalidOperationException">The actor was created with <c>new</c> outside of <see cref="Props"/>.</exception>
    protected ReceiveActor()
    {
        Cell = ActorCell.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} must be created by the actor system (system.ActorOf(Props.Create<{GetType().Name}>())), not with 'new'.");
        _configuring = _handlers;
    }

    internal ActorCell Cell { get; }

    /// <summary>This actor's context.</summary>
    protected IActorContext Context => Cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef Self => Cell.SelfRef;

    /// <summary>The sender of the message being processed.</summary>
    protected IActorRef Sender => Cell.Sender;

    /// <summary>This actor's stash.</summary>
    protected IStash Stash => Cell;

    /// <summary>Called once before the first message. By default does nothing.</summary>
    protected virtual void PreStart() { }

    /// <summary>Called after the actor and all its children have stopped. By default does nothing.</summary>
    protected virtual void PostStop() { }

    /// <summary>
    /// Called on the failed instance before a restart. By default unwatches and stops all children (so the new instance
    /// gets no <see cref="Terminated"/> for them) and calls <see cref="PostStop"/>.
    /// </summary>
    /// <param name="reason">Why the actor failed.</param>
    /// <param name="message">The message being processed when it failed, if any (it is not delivered again).</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the new instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; <see langword="null"/> uses the props' or the default (restart).</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    /// <summary>
    /// Called for a message no handler took. By default publishes <see cref="UnhandledMessage"/> and logs it;
    /// for <see cref="Terminated"/> throws <see cref="DeathPactException"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t)
        {
            throw new DeathPactException(t.ActorRef);
        }

        Cell.System.PublishUnhandled(message, Cell.Sender, Cell.SelfRef);
    }

    internal void PreStartInternal() { FinishConfiguring(); PreStart(); }

    internal void PostStopInternal() => PostStop();

    internal void PreRestartInternal(Exception reason, object? message) => PreRestart(reason, message);

    internal void PostRestartInternal(Exception reason) { FinishConfiguring(); PostRestart(reason); }

    internal SupervisorStrategy? SupervisorStrategyInternal() => SupervisorStrategy();

    private void FinishConfiguring() => _configuring = null;

    /// <summary>Runs the first matching handler; returns its task when it is asynchronous.</summary>
    /// <remarks>The kernel's own actors that take every message in one synchronous method override this, skipping the handler lookup.</remarks>
    internal virtual Task? Dispatch(object message)
    {
        if (_handlers.TryHandle(message, this, out var task))
        {
            return task;
        }

        Unhandled(message);
        return null;
    }

    internal void BecomeInternal(Action configure, bool discardOld)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var next = new HandlerSet();
        var outer = _configuring;
        _configuring = next;
        try
        {
            configure();
        }
        finally
        {
            _configuring = outer;
        }

        if (!discardOld)
        {
            (_behaviors ??= new Stack<HandlerSet>()).Push(_handlers);
        }

        _handlers = next;
    }

    internal void UnbecomeInternal()
    {
        if (_behaviors is { Count: > 0 })
        {
            _handlers = _behaviors.Pop();
        }
    }

    private HandlerSet Configuring([System.Runtime.CompilerServices.CallerMemberName] string method = "") =>
        _configuring ?? throw new InvalidOperationException(
            $"{GetType().Name}.{method} can only be called in the constructor or inside Become/BecomeStacked.");
}
