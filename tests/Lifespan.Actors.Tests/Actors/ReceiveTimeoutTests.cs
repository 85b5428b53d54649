using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class ReceiveTimeoutTests : TestKit.TestKit
{
    /// <summary>Reports every <see cref="ReceiveTimeout"/>; "off" clears the receive timeout.</summary>
    private sealed class Quiet : ReceiveActor
    {
        public Quiet(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<string>(s => s == "off", _ => { Context.SetReceiveTimeout(null); Sender.Tell("off"); });
        }
    }

    [Fact]
    public async Task ReceiveTimeout_comes_again_after_every_quiet_period_until_it_is_cleared()
    {
        var actor = Sys.ActorOf(Props.Create<Quiet>(TestActor.Ref, TimeSpan.FromMilliseconds(100)));
        for (var i = 0; i < 3; i++)
        {
            await ExpectMsgAsync("timeout");   // the ReceiveTimeout itself re-arms the timeout
        }

        actor.Tell("off", TestActor.Ref);
        await TestActor.FishForMessageAsync(m => m is "off");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(400));
    }

    public sealed record Heartbeat : INotInfluenceReceiveTimeout;

    public sealed record Ping : INotInfluenceReceiveTimeout;

    public sealed record Hold(string TimerKey, Task Gate) : INotInfluenceReceiveTimeout;

    /// <summary>
    /// Reports its <see cref="ReceiveTimeout"/>s; takes heartbeats silently, answers a <see cref="Ping"/> (to show it has
    /// processed what came before), and cancels a timer once a <see cref="Hold"/>'s gate opens. None of these resets the timeout.
    /// </summary>
    private sealed class Monitored : ReceiveActor
    {
        public Monitored(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<TimeSpan>(interval => Context.Timers.StartPeriodicTimer("heartbeat", new Heartbeat(), interval));
            Receive<Heartbeat>(_ => { });
            Receive<Ping>(_ => probe.Tell("pong"));
            ReceiveAsync<Hold>(async hold =>
            {
                await hold.Gate;
                Context.Timers.Cancel(hold.TimerKey);
            });
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
        }

        protected override void PreStart() => Context.Self.Tell(new Ping());
    }

    /// <summary>A <see cref="Monitored"/> actor with a 500 ms receive timeout, in <paramref name="system"/>.</summary>
    private async Task<IActorRef> MonitoredIn(ActorSystem system)
    {
        var actor = system.ActorOf(Props.Create<Monitored>(TestActor.Ref, TimeSpan.FromMilliseconds(500)));
        await ExpectMsgAsync("pong");   // started, its receive timeout armed
        return actor;
    }

    private async Task SettledAsync(IActorRef actor)
    {
        actor.Tell(new Ping());
        await ExpectMsgAsync("pong");
    }

    [Fact]
    public async Task A_timer_message_that_does_not_influence_the_receive_timeout_does_not_reset_it()
    {
        var time = new ManualTimers();
        await using var system = ActorSystem.Create("heartbeats", new ActorSystemOptions { TimeProvider = time });
        var actor = await MonitoredIn(system);
        actor.Tell(new Heartbeat());   // a heartbeat told directly does not reset it either
        actor.Tell(TimeSpan.FromMilliseconds(120));   // this message does: the timeout is due 500 ms from now
        await SettledAsync(actor);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(120));   // a heartbeat at 120, 240, 360 and 480 ms
            await SettledAsync(actor);
        }

        time.Advance(TimeSpan.FromMilliseconds(40));
        await ExpectMsgAsync("timeout");
    }

    [Fact]
    public async Task A_timer_tick_dropped_because_its_timer_was_cancelled_does_not_reset_the_receive_timeout()
    {
        var time = new ManualTimers();
        await using var system = ActorSystem.Create("cancelled", new ActorSystemOptions { TimeProvider = time });
        var actor = await MonitoredIn(system);
        actor.Tell(TimeSpan.FromMilliseconds(100));   // the timeout is due 500 ms from now
        await SettledAsync(actor);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new Hold("heartbeat", gate.Task));
        time.Advance(TimeSpan.FromMilliseconds(100));   // the tick waits behind the Hold, which then cancels its timer
        gate.SetResult();
        await SettledAsync(actor);
        time.Advance(TimeSpan.FromMilliseconds(450));
        await ExpectMsgAsync("timeout");
    }
}
