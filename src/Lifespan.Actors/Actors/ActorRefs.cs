namespace Lifespan.Actors;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>
    /// The sender of a message sent from outside any actor. Replies to it go to dead letters.
    /// </summary>
    public static IActorRef NoSender { get; } = new NobodyRef();

    /// <summary>Alias of <see cref="NoSender"/>: a reference to no actor.</summary>
    public static IActorRef Nobody => NoSender;

    private sealed class NobodyRef : InternalActorRef
    {
        private static readonly ActorPath NobodyPath = ActorPath.CreateRoot("nobody").Child("nobody");
        public override ActorPath Path => NobodyPath;
        public override bool IsTerminated => true;
        public override void Tell(object message, IActorRef? sender = null) => ArgumentNullException.ThrowIfNull(message);
        public override void SendSystemMessage(SystemMessage message)
        {
            if (message is Watch w && !ReferenceEquals(w.Watcher, this))
            {
                w.Watcher.SendSystemMessage(new DeathWatchNotification(this));
            }
        }
    }
}
