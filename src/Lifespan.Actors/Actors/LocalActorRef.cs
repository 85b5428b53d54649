namespace Lifespan.Actors;

/// <summary>The reference to an actor of this process.</summary>
internal sealed class LocalActorRef(ActorCell cell) : InternalActorRef
{
    public ActorCell Cell { get; } = cell;

    public override ActorPath Path => Cell.Path;

    public override bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.PostUser(message, ImplicitSender(sender));
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);
}
