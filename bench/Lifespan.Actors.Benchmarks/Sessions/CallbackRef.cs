namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>
/// A subscriber that runs a callback on the sender's thread, with no mailbox: an Akka <see cref="MinimalActorRef"/>,
/// as Akka's own promise references are. The session tells it deltas from its own thread, so the callback runs there,
/// just as the baseline calls its subscriber callback synchronously. It answers no system messages (a session's
/// death watch on it does nothing), which is all a benchmark subscriber needs.
/// </summary>
internal sealed class CallbackRef : MinimalActorRef
{
    private readonly Action<object, IActorRef> _tell;

    public CallbackRef(ActorSystem system, Action<object, IActorRef> tell)
    {
        var provider = ((ExtendedActorSystem)system).Provider;
        Provider = provider;
        Path = provider.TempPath();
        _tell = tell;
    }

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider { get; }

    protected override void TellInternal(object message, IActorRef sender) => _tell(message, sender);
}
