using Microsoft.Extensions.Logging;

namespace Lifespan.Actors;

/// <summary>
/// What an actor knows about itself and can do to its surroundings. Valid for the actor's whole life,
/// including after an <c>await</c> in an async handler.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor's reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed, or <see cref="ActorRefs.NoSender"/>.</summary>
    IActorRef Sender { get; }

    /// <summary>The actor that created this one (its supervisor).</summary>
    IActorRef Parent { get; }

    /// <summary>The actor system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The props this actor was created from.</summary>
    Props Props { get; }

    /// <summary>The children of this actor (a snapshot).</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>This actor's keyed timers.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>This actor's stash.</summary>
    IStash Stash { get; }

    /// <summary>
    /// Cancelled when this actor stops or restarts. Async handlers should pass it on to what they await, so that
    /// a stop ends them promptly while their <c>finally</c> blocks still run.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>A logger whose category is the actor's type.</summary>
    ILogger Logger { get; }

    /// <summary>The receive timeout set with <see cref="SetReceiveTimeout"/>, if any.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Creates and starts a child actor.</summary>
    /// <param name="props">How to create the child.</param>
    /// <param name="name">A unique name among this actor's children, or <see langword="null"/> for a generated <c>$</c> name.</param>
    /// <exception cref="InvalidActorNameException">The name is empty, malformed, starts with <c>$</c> or is already taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The child with <paramref name="name"/>, or <see langword="null"/>.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops <paramref name="actor"/> (a child, or this actor itself) asynchronously.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks for one <see cref="Terminated"/> message when <paramref name="subject"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching <paramref name="subject"/>; a <see cref="Terminated"/> not yet processed is dropped.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current handlers with those registered by <paramref name="configure"/>.</summary>
    void Become(Action configure);

    /// <summary>Pushes the handlers registered by <paramref name="configure"/> on top of the current ones.</summary>
    void BecomeStacked(Action configure);

    /// <summary>Returns to the handlers below the top of the stack (no effect on the initial handlers).</summary>
    void UnbecomeStacked();

    /// <summary>
    /// Sends <see cref="Actors.ReceiveTimeout"/> to this actor after <paramref name="timeout"/> without messages, and again
    /// after every further <paramref name="timeout"/> without messages; <see langword="null"/> turns it off.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
