namespace Lifespan.Actors.Tests.Actors;

/// <summary>Replies to every message with the same message.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m));
}

/// <summary>Forwards every message, and its lifecycle events, to a probe.</summary>
public sealed class ReportingActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _id;

    public ReportingActor(IActorRef probe, string id)
    {
        _probe = probe;
        _id = id;
        Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("boom"));
        ReceiveAny(m => _probe.Tell(m));
    }

    protected override void PreStart() => _probe.Tell($"{_id}:prestart");

    protected override void PostStop() => _probe.Tell($"{_id}:poststop");
}

/// <summary>Creates the children it is told to create.</summary>
public sealed class ParentActor : ReceiveActor
{
    public ParentActor(IActorRef probe)
    {
        Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
        Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
        ReceiveAny(m => probe.Tell(m));
    }
}
