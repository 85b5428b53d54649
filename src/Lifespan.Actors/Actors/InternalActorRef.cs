namespace Lifespan.Actors;

/// <summary>
/// The kernel's side of every reference: besides user messages it takes system messages
/// (watch, terminate, failure) that overtake the user queue.
/// </summary>
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    /// <summary>True once the actor behind this reference has terminated for good.</summary>
    public abstract bool IsTerminated { get; }

    public abstract void Tell(object message, IActorRef? sender = null);

    public abstract void SendSystemMessage(SystemMessage message);

    /// <summary>The sender a <see cref="Tell"/> uses when none is given: the actor whose code is running, if any.</summary>
    protected internal static InternalActorRef? ImplicitSender(IActorRef? sender) =>
        sender switch
        {
            null => ActorCell.Current?.SelfRef,
            InternalActorRef r => r,
            _ => new ForeignActorRef(sender),
        };

    public override string ToString() => $"[{Path}]";
}

/// <summary>Wraps a user-supplied <see cref="IActorRef"/> implementation so it can appear as a sender.</summary>
internal sealed class ForeignActorRef(IActorRef inner) : InternalActorRef
{
    public IActorRef Inner { get; } = inner;
    public override ActorPath Path => Inner.Path;
    public override bool IsTerminated => false;
    public override void Tell(object message, IActorRef? sender = null) => Inner.Tell(message, sender);
    public override void SendSystemMessage(SystemMessage message) { }
    public override bool Equals(object? obj) => obj is ForeignActorRef f ? Equals(f.Inner, Inner) : Equals(obj, Inner);
    public override int GetHashCode() => Inner.GetHashCode();
}
