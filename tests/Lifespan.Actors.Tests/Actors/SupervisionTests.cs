using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class SupervisionTests : TestKit.TestKit
{
    /// <summary>Counts messages; "throw:X" throws an exception of kind X.</summary>
    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter()
        {
            Receive<string>(s => s.Length > 6 && s.StartsWith("throw:", StringComparison.Ordinal), s => throw s[6..] switch
            {
                "arg" => new ArgumentException("bad argument"),
                "io" => new IOException("disk"),
                _ => new InvalidOperationException("invalid"),
            });
            Receive<string>(s => s == "count", _ => Sender.Tell(_count));
            Receive<string>(_ => _count++);
        }
    }

    /// <summary>Supervises one Counter child with the given strategy.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(IActorRef probe, SupervisorStrategy strategy)
        {
            _strategy = strategy;
            var child = Context.ActorOf(Props.Create<Counter>(), "child");
            Receive<string>(s => s == "child", _ => Sender.Tell(child));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private async Task<IActorRef> ChildUnder(SupervisorStrategy strategy, string name = "sup")
    {
        var sup = Sys.ActorOf(Props.Create<Supervisor>(TestActor.Ref, strategy), name);
        return await sup.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));
    }

    private static async Task<int> CountOf(IActorRef actor) => await actor.Ask<int>("count", TimeSpan.FromSeconds(3));

    [Fact]
    public async Task Resume_keeps_the_state_and_drops_the_failing_message()
    {
        var child = await ChildUnder(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("a");
        child.Tell("b");
        child.Tell("throw:x");
        child.Tell("c");
        Assert.Equal(3, await CountOf(child));
    }

    [Fact]
    public async Task Restart_replaces_the_instance_and_the_failing_message_is_not_redelivered()
    {
        var child = await ChildUnder(SupervisorStrategy.Default);
        child.Tell("a");
        child.Tell("b");
        child.Tell("throw:x");
        child.Tell("c");
        Assert.Equal(1, await CountOf(child));
    }

    [Fact]
    public async Task Stop_stops_the_child()
    {
        var child = await ChildUnder(new OneForOneStrategy(_ => Directive.Stop));
        await WatchAsync(child);
        child.Tell("throw:x");
        await ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task The_decider_picks_a_directive_per_exception()
    {
        var child = await ChildUnder(new OneForOneStrategy(ex => ex is ArgumentException ? Directive.Resume : Directive.Restart));
        child.Tell("a");
        child.Tell("throw:arg");
        Assert.Equal(1, await CountOf(child));
        child.Tell("throw:io");
        Assert.Equal(0, await CountOf(child));
    }

    private sealed class Escalating : ReceiveActor
    {
        public Escalating(IActorRef probe)
        {
            var middle = Context.ActorOf(Props.Create<Supervisor>(probe, new OneForOneStrategy(_ => Directive.Escalate)), "middle");
            Receive<string>(s => s == "middle", _ => Sender.Tell(middle));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
    }

    [Fact]
    public async Task Escalate_hands_the_failure_to_the_grandparent()
    {
        var top = Sys.ActorOf(Props.Create<Escalating>(TestActor.Ref), "top");
        var middle = await top.Ask<IActorRef>("middle", TimeSpan.FromSeconds(3));
        var child = await middle.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));
        await WatchAsync(middle);
        await WatchAsync(child);
        child.Tell("throw:x");
        var terminated = await ReceiveNAsync(2);
        Assert.Equal(new[] { middle, child }.Select(a => a.Path).OrderBy(p => p.ToString()), terminated.Cast<Terminated>().Select(t => t.ActorRef.Path).OrderBy(p => p.ToString()));
    }

    [Fact]
    public async Task Too_many_restarts_within_the_window_stop_the_child()
    {
        var child = await ChildUnder(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        await WatchAsync(child);
        child.Tell("throw:x");
        child.Tell("throw:x");
        Assert.Equal(0, await CountOf(child));   // two restarts allowed
        child.Tell("throw:x");
        await ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Restarts_outside_the_window_start_a_new_count()
    {
        var clock = new ManualClock();
        await using var system = ActorSystem.Create("windowed", new ActorSystemOptions { TimeProvider = clock });
        var sup = system.ActorOf(Props.Create<Supervisor>(TestActor.Ref, new OneForOneStrategy(1, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        var child = await sup.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));
        child.Tell("throw:x");
        Assert.Equal(0, await CountOf(child));
        clock.Advance(TimeSpan.FromMinutes(2));
        child.Tell("throw:x");
        child.Tell("a");
        Assert.Equal(1, await CountOf(child));
    }

    [Fact]
    public async Task Zero_retries_means_the_first_failure_stops_the_child()
    {
        var child = await ChildUnder(new OneForOneStrategy(0, null, _ => Directive.Restart));
        await WatchAsync(child);
        child.Tell("throw:x");
        await ExpectTerminatedAsync(child);
    }

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor() => throw new InvalidOperationException("no config");
    }

    private sealed class FailsInPreStart : ReceiveActor
    {
        private readonly IActorRef _probe;

        public FailsInPreStart(IActorRef probe) => _probe = probe;

        protected override void PreStart() => throw new InvalidOperationException("cannot connect");

        protected override void PostStop() => _probe.Tell("poststop");
    }

    [Fact]
    public async Task A_failure_in_the_constructor_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<FailsInConstructor>());
        await WatchAsync(actor);
        await ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task A_failure_in_PreStart_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<FailsInPreStart>(TestActor.Ref));
        await WatchAsync(actor);
        await ExpectMsgAsync("poststop");
        await ExpectTerminatedAsync(actor);
    }

    public sealed record Go(TaskCompletionSource Gate);

    private sealed class FailingChild : ReceiveActor
    {
        public FailingChild() => Receive<string>(_ => throw new InvalidOperationException("child failed"));
    }

    private sealed class AwaitingParent : ReceiveActor
    {
        public AwaitingParent()
        {
            var child = Context.ActorOf(Props.Create<FailingChild>(), "child");
            ReceiveAsync<Go>(async go =>
            {
                child.Tell("fail");     // the child fails and this actor escalates while its handler awaits
                await go.Gate.Task;
                Sender.Tell("reply");
            });
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);
    }

    private sealed class ResumingGrandparent : ReceiveActor
    {
        private readonly IActorRef _probe;

        public ResumingGrandparent(IActorRef probe)
        {
            _probe = probe;
            var parent = Context.ActorOf(Props.Create<AwaitingParent>(), "parent");
            Receive<Go>(go => parent.Forward(go));
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            new OneForOneStrategy(_ => { _probe.Tell("decided"); return Directive.Resume; });
    }

    [Fact]
    public async Task Sender_stays_right_after_an_await_when_a_child_failure_is_escalated_meanwhile()
    {
        var decisions = CreateTestProbe();
        var grandparent = Sys.ActorOf(Props.Create<ResumingGrandparent>(decisions.Ref));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        grandparent.Tell(new Go(gate), TestActor.Ref);
        await decisions.ExpectMsgAsync("decided");
        gate.SetResult();
        await ExpectMsgAsync("reply");
    }

    [Fact]
    public void OneForOneStrategy_rejects_a_non_positive_window() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneForOneStrategy(1, TimeSpan.Zero, _ => Directive.Stop));
}
