using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class RestartTests : TestKit.TestKit
{
    public sealed record ChildTerminated(IActorRef Child);

    /// <summary>Creates and watches a child in PreStart (reporting it); reports the Terminated it gets.</summary>
    private sealed class WatchingParent : ReceiveActor
    {
        private readonly IActorRef _probe;
        private IActorRef? _child;

        public WatchingParent(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => s == "stop-child", _ => Context.Stop(_child!));
            Receive<Terminated>(t => _probe.Tell(new ChildTerminated(t.ActorRef)));
        }

        protected override void PreStart()
        {
            _child = Context.Watch(Context.ActorOf(Props.Create<EchoActor>(), "child"));
            _probe.Tell(_child);
        }
    }

    [Fact]
    public async Task The_default_PreRestart_unwatches_the_children_it_stops()
    {
        var parent = Sys.ActorOf(Props.Create<WatchingParent>(TestActor.Ref));
        var first = await ExpectMsgAsync<IActorRef>();
        parent.Tell("fail");
        var second = await ExpectMsgAsync<IActorRef>();   // the new instance's child: the old one has stopped
        Assert.NotSame(first, second);

        parent.Tell("stop-child");
        var terminated = await ExpectMsgAsync<ChildTerminated>();
        Assert.Same(second, terminated.Child);   // the new instance never hears of the old instance's child
    }
}
