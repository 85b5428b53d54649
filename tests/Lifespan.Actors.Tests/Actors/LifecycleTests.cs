using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class LifecycleTests : TestKit.TestKit
{
    private sealed class Tree : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _id;

        public Tree(IActorRef probe, string id, int depth)
        {
            _probe = probe;
            _id = id;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create<Tree>(probe, id + ".0", depth - 1), "c0");
                Context.ActorOf(Props.Create<Tree>(probe, id + ".1", depth - 1), "c1");
            }

            ReceiveAny(_ => { });
        }

        protected override void PreStart() => _probe.Tell($"start {_id}");

        protected override void PostStop() => _probe.Tell($"stop {_id}");
    }

    [Fact]
    public async Task Children_stop_before_their_parent_and_watchers_hear_last()
    {
        var probe = CreateTestProbe();
        var root = Sys.ActorOf(Props.Create<Tree>(probe.Ref, "r", 2), "tree");
        await probe.ReceiveNAsync(7);
        await probe.WatchAsync(root);

        Sys.Stop(root);
        var events = await probe.ReceiveNAsync(8);
        var order = events.Select(e => e is Terminated ? "terminated" : (string)e).ToList();
        int At(string e) => order.IndexOf(e);

        Assert.True(At("stop r.0.0") < At("stop r.0") && At("stop r.0.1") < At("stop r.0"), string.Join(", ", order));
        Assert.True(At("stop r.1.0") < At("stop r.1") && At("stop r.1.1") < At("stop r.1"), string.Join(", ", order));
        Assert.True(At("stop r.0") < At("stop r") && At("stop r.1") < At("stop r"), string.Join(", ", order));
        Assert.Equal("terminated", order[^1]);
    }

    private sealed class Restartable : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Restartable(IActorRef probe)
        {
            _probe = probe;
            Context.ActorOf(Props.Create<ReportingActor>(probe, "child"), "child");
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
        }

        protected override void PreStart() => _probe.Tell("prestart");

        protected override void PostStop() => _probe.Tell("poststop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"prerestart {reason.Message} {message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"postrestart {reason.Message}");
            base.PostRestart(reason);
        }
    }

    [Fact]
    public async Task A_restart_runs_PreRestart_stops_children_then_PostRestart_and_PreStart()
    {
        var actor = Sys.ActorOf(Props.Create<Restartable>(TestActor.Ref));
        var started = await ReceiveNAsync(2);
        Assert.Contains("prestart", started);
        Assert.Contains("child:prestart", started);

        actor.Tell("fail");
        await ExpectMsgAsync("prerestart fail fail");
        var stopping = await ReceiveNAsync(2);
        Assert.Equal(["child:poststop", "poststop"], stopping.Cast<string>().OrderBy(s => s, StringComparer.Ordinal));
        // The new instance's constructor creates a new child, whose PreStart runs concurrently with PostRestart.
        var restarted = (await ReceiveNAsync(3)).Cast<string>().ToList();
        Assert.Contains("child:prestart", restarted);
        Assert.True(restarted.IndexOf("postrestart fail") >= 0 && restarted.IndexOf("postrestart fail") < restarted.IndexOf("prestart"), string.Join(", ", restarted));
    }

    [Fact]
    public async Task PoisonPill_stops_after_the_messages_before_it()
    {
        var actor = Sys.ActorOf(Props.Create<ReportingActor>(TestActor.Ref, "a"));
        await ExpectMsgAsync("a:prestart");
        await WatchAsync(actor);
        actor.Tell("one");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after");
        await ExpectMsgAsync("one");
        await ExpectMsgAsync("a:poststop");
        await ExpectTerminatedAsync(actor);
        await ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Kill_fails_the_actor_and_the_default_strategy_stops_it()
    {
        var actor = Sys.ActorOf(Props.Create<ReportingActor>(TestActor.Ref, "k"));
        await ExpectMsgAsync("k:prestart");
        await WatchAsync(actor);
        actor.Tell(Kill.Instance);
        await ExpectMsgAsync("k:poststop");
        await ExpectTerminatedAsync(actor);
    }

    private sealed class SlowToStop : ReceiveActor
    {
        public SlowToStop() => ReceiveAsync<string>((_, ct) => Task.Delay(Timeout.Infinite, ct));   // PoisonPill waits behind it; Stop cancels it
    }

    [Fact]
    public async Task GracefulStopAsync_is_true_when_the_actor_stops_and_false_on_timeout()
    {
        var quick = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.True(await quick.GracefulStopAsync(TimeSpan.FromSeconds(5)));

        var slow = Sys.ActorOf(Props.Create<SlowToStop>());
        slow.Tell("block");
        Assert.False(await slow.GracefulStopAsync(TimeSpan.FromMilliseconds(200)));
        Sys.Stop(slow);
    }

    [Fact]
    public void GracefulStopAsync_rejects_a_non_positive_timeout()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = actor.GracefulStopAsync(TimeSpan.Zero); });
    }
}
