namespace Lifespan.Actors;

/// <summary>
/// A handle to an actor. The only way to talk to an actor is to send it a message through its reference;
/// references are safe to share between threads and to keep after the actor has stopped
/// (messages to a stopped actor go to dead letters).
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's path in its system, for example <c>/user/orders/42</c>.</summary>
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to the actor without waiting (fire and forget).
    /// </summary>
    /// <param name="message">An immutable message; must not be <see langword="null"/>.</param>
    /// <param name="sender">
    /// The reference the receiver sees as <c>Sender</c>. When <see langword="null"/> and called from inside an actor,
    /// that actor is the sender; otherwise <see cref="ActorRefs.NoSender"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    void Tell(object message, IActorRef? sender = null);
}
