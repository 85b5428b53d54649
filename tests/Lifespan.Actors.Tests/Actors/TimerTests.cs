using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class TimerTests : TestKit.TestKit
{
    public sealed record Single(string Key, object Message, TimeSpan Delay);

    public sealed record Periodic(string Key, object Message, TimeSpan Interval);

    public sealed record CancelTimer(string Key);

    private sealed class Timed : ReceiveActor
    {
        public Timed(IActorRef probe)
        {
            Receive<Single>(s =>
            {
                try
                {
                    Context.Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    probe.Tell(ex.Message);
                }
            });
            Receive<Periodic>(p => Context.Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval));
            Receive<CancelTimer>(c => Context.Timers.Cancel(c.Key));
            Receive<string>(s => s == "active", _ => Sender.Tell(Context.Timers.IsTimerActive("k")));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public async Task A_single_timer_fires_once()
    {
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Single("k", 1, TimeSpan.FromMilliseconds(50)));
        await ExpectMsgAsync(1);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.False(await actor.Ask<bool>("active", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_periodic_timer_fires_until_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Periodic("k", 7, TimeSpan.FromMilliseconds(30)));
        await ReceiveNAsync(3);
        Assert.True(await actor.Ask<bool>("active", TimeSpan.FromSeconds(3)));
        actor.Tell(new CancelTimer("k"));
        Assert.False(await actor.Ask<bool>("active", TimeSpan.FromSeconds(3)));
        await DrainAsync();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Starting_a_timer_with_a_used_key_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Single("k", "old", TimeSpan.FromMilliseconds(150)));
        actor.Tell(new Single("k", "new", TimeSpan.FromMilliseconds(50)));
        await ExpectMsgAsync("new");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Timers_are_cancelled_on_restart()
    {
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Single("k", "late", TimeSpan.FromMilliseconds(200)));
        actor.Tell("fail");
        Assert.False(await actor.Ask<bool>("active", TimeSpan.FromSeconds(3)));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Timers_are_cancelled_on_stop()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Periodic("k", "tick", TimeSpan.FromMilliseconds(30)));
        await ExpectMsgAsync("tick");
        await actor.GracefulStopAsync(TimeSpan.FromSeconds(3));
        await DrainAsync();   // ticks sent before the stop
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));   // no tick, and no dead letter from a live timer
    }

    [Fact]
    public async Task A_negative_delay_is_rejected()
    {
        var actor = Sys.ActorOf(Props.Create<Timed>(TestActor.Ref));
        actor.Tell(new Single("k", 1, TimeSpan.FromMilliseconds(-1)));
        var message = await ExpectMsgAsync<string>();
        Assert.Contains("must not be negative", message, StringComparison.Ordinal);
    }

    private async Task DrainAsync()
    {
        while (await TestActor.TryReceiveAsync(TimeSpan.FromMilliseconds(100)) is not null)
        {
        }
    }
}
