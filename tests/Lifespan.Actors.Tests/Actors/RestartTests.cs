using System.Runtime.CompilerServices;
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

    /// <summary>Throws in its constructor on the first attempt only; reports PreStart and PostRestart; answers "ping".</summary>
    private sealed class FailsFirstTime : ReceiveActor
    {
        private readonly IActorRef _probe;

        public FailsFirstTime(IActorRef probe, StrongBox<int> attempts)
        {
            _probe = probe;
            if (Interlocked.Increment(ref attempts.Value) == 1)
            {
                throw new InvalidOperationException("not configured yet");
            }

            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
        }

        protected override void PreStart() => _probe.Tell("prestart");

        protected override void PostRestart(Exception reason) => _probe.Tell("postrestart");
    }

    /// <summary>Supervises one child with the given strategy; answers any string with the child.</summary>
    private sealed class Supervising : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervising(Props child, SupervisorStrategy strategy)
        {
            _strategy = strategy;
            var created = Context.ActorOf(child, "child");
            Receive<string>(_ => Sender.Tell(created));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    [Theory]
    [InlineData(Directive.Resume)]
    [InlineData(Directive.Restart)]
    public async Task After_a_constructor_failure_Resume_and_Restart_create_the_actor_as_the_first_time(Directive directive)
    {
        var attempts = new StrongBox<int>();
        var child = Props.Create<FailsFirstTime>(TestActor.Ref, attempts);
        var supervisor = Sys.ActorOf(Props.Create<Supervising>(child, new OneForOneStrategy(_ => directive)));

        await ExpectMsgAsync("prestart");   // constructed and started, not restarted: there was no instance to restart
        var created = await supervisor.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));
        Assert.Equal("pong", await created.Ask<string>("ping", TimeSpan.FromSeconds(3)));
        Assert.Equal(2, attempts.Value);
    }
}
