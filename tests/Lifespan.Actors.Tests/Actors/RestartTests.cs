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

    /// <summary>Counts strings; answers "count"; fails on "throw".</summary>
    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter()
        {
            Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("counter failed"));
            Receive<string>(s => s == "count", _ => Sender.Tell(_count));
            Receive<string>(_ => _count++);
        }
    }

    /// <summary>Keeps its child across its restarts (its PreRestart does not stop it) and escalates the child's failures.</summary>
    private sealed class KeepsChild : ReceiveActor
    {
        private readonly IActorRef _probe;

        public KeepsChild(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "child", _ => Sender.Tell(Context.Child("child")!));
        }

        protected override void PreStart() => Context.ActorOf(Props.Create<Counter>(), "child");

        protected override void PreRestart(Exception reason, object? message) { }

        protected override void PostRestart(Exception reason) => _probe.Tell("parent restarted");

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);
    }

    [Fact]
    public async Task A_child_that_escalated_and_survived_its_parents_restart_is_restarted_with_it()
    {
        var parentProps = Props.Create<KeepsChild>(TestActor.Ref);
        var supervisor = Sys.ActorOf(Props.Create<Supervising>(parentProps, new OneForOneStrategy(_ => Directive.Restart)));
        var parent = await supervisor.Ask<IActorRef>("parent", TimeSpan.FromSeconds(3));
        var child = await parent.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));

        child.Tell("a");
        child.Tell("throw");   // escalated: the parent is restarted, and keeps this child
        await ExpectMsgAsync("parent restarted");
        Assert.Equal(0, await child.Ask<int>("count", TimeSpan.FromSeconds(3)));   // restarted too, and going on
        Assert.Same(child, await parent.Ask<IActorRef>("child", TimeSpan.FromSeconds(3)));
    }
}
