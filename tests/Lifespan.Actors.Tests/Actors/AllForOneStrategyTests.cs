using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class AllForOneStrategyTests : TestKit.TestKit
{
    /// <summary>Counts strings; answers "count"; fails on "throw"; reports its restarts. Its child stops only once <c>stopGate</c> opens.</summary>
    private sealed class Member : ReceiveActor
    {
        private readonly IActorRef _probe;
        private int _count;

        public Member(IActorRef probe, Task stopGate, TaskCompletionSource? holding = null)
        {
            _probe = probe;
            Context.ActorOf(Props.Create(() => new SlowToStop(stopGate, holding)), "slow").Tell("hold");
            Receive<string>(s => s == "throw", _ => throw new InvalidOperationException($"{Name} failed"));
            Receive<string>(s => s == "count", _ => Sender.Tell(_count));
            Receive<string>(_ => _count++);
        }

        private string Name => Context.Self.Path.Name;

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"{Name} restarting");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason) => _probe.Tell($"{Name} restarted");
    }

    /// <summary>Holds its first message until <c>stopGate</c> opens, ignoring cancellation: stopping waits for that. Completes <c>holding</c> when it holds it.</summary>
    private sealed class SlowToStop : ReceiveActor
    {
        public SlowToStop(Task stopGate, TaskCompletionSource? holding) => ReceiveAsync<string>(_ =>
        {
            holding?.TrySetResult();
            return stopGate;
        });
    }

    /// <summary>Two members, "a" and "b" (whose child is slow to stop); answers their names with them.</summary>
    private sealed class Team : ReceiveActor
    {
        public Team(IActorRef probe, Task stopGate, TaskCompletionSource? holding)
        {
            var a = Context.ActorOf(Props.Create(() => new Member(probe, Task.CompletedTask, null)), "a");
            var b = Context.ActorOf(Props.Create(() => new Member(probe, stopGate, holding)), "b");
            Receive<string>(s => Sender.Tell(s == "a" ? a : b));
        }
    }

    private async Task<(IActorRef A, IActorRef B)> TeamUnder(SupervisorStrategy strategy, Task? stopGate = null, TaskCompletionSource? holding = null)
    {
        var probe = TestActor.Ref;
        var gate = stopGate ?? Task.CompletedTask;
        var team = Sys.ActorOf(Props.Create(() => new Team(probe, gate, holding)).WithSupervisorStrategy(strategy));
        return (await team.Ask<IActorRef>("a", TimeSpan.FromSeconds(3)), await team.Ask<IActorRef>("b", TimeSpan.FromSeconds(3)));
    }

    private static Task<int> CountOf(IActorRef member) => member.Ask<int>("count", TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Restart_restarts_every_child()
    {
        var (a, b) = await TeamUnder(new AllForOneStrategy(_ => Directive.Restart));
        b.Tell("x");
        b.Tell("x");
        Assert.Equal(2, await CountOf(b));

        a.Tell("throw");
        var events = await ReceiveNAsync(4);
        Assert.Equal(["a restarted", "a restarting", "b restarted", "b restarting"], events.Cast<string>().Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountOf(b));
    }

    [Fact]
    public async Task A_sibling_restarted_with_the_failed_child_takes_no_message_until_its_restart_is_done()
    {
        var stopGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (a, b) = await TeamUnder(new AllForOneStrategy(_ => Directive.Restart), stopGate.Task, holding);
            await holding.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));   // b's child holds: stopping it waits for the gate
            b.Tell("x");
            Assert.Equal(1, await CountOf(b));                                  // taken by the old instance
            a.Tell("throw");
            await TestActor.FishForMessageAsync(m => m is "b restarting");   // b now waits for its child to stop
            var replies = CreateTestProbe();
            b.Tell("count", replies.Ref);
            await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));   // the old instance does not answer meanwhile
            stopGate.SetResult();
            await replies.ExpectMsgAsync(0);   // the new one does
        }
        finally
        {
            stopGate.TrySetResult();
        }
    }

    [Fact]
    public async Task Stop_stops_every_child()
    {
        var (a, b) = await TeamUnder(new AllForOneStrategy(_ => Directive.Stop));
        await WatchAsync(a);
        await WatchAsync(b);
        a.Tell("throw");
        var terminated = await ReceiveNAsync(2);
        Assert.Equal([a.Path, b.Path], terminated.Cast<Terminated>().Select(t => t.ActorRef.Path).OrderBy(p => p.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Resume_resumes_the_failed_child_only_and_every_child_keeps_its_state()
    {
        var (a, b) = await TeamUnder(new AllForOneStrategy(_ => Directive.Resume));
        a.Tell("x");
        b.Tell("x");
        a.Tell("throw");
        a.Tell("x");
        Assert.Equal(2, await CountOf(a));
        Assert.Equal(1, await CountOf(b));
    }

    [Fact]
    public async Task Past_the_retry_limit_of_any_child_every_child_is_stopped()
    {
        var (a, b) = await TeamUnder(new AllForOneStrategy(1, null, _ => Directive.Restart));
        await WatchAsync(a);
        await WatchAsync(b);
        a.Tell("throw");
        await ReceiveNAsync(4);   // both restarted: each has used its one restart
        b.Tell("throw");
        var terminated = await ReceiveNAsync(2);
        Assert.All(terminated, m => Assert.IsType<Terminated>(m));
    }

    [Fact]
    public void AllForOneStrategy_rejects_a_non_positive_window() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllForOneStrategy(1, TimeSpan.Zero, _ => Directive.Stop));
}
