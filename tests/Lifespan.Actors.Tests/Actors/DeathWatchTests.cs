using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class DeathWatchTests : TestKit.TestKit
{
    public sealed record WatchIt(IActorRef Subject);

    public sealed record UnwatchIt(IActorRef Subject);

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w => { Context.Watch(w.Subject); Sender.Tell("watching"); });
            Receive<UnwatchIt>(w => { Context.Unwatch(w.Subject); Sender.Tell("unwatched"); });
            Receive<Terminated>(t => probe.Tell($"terminated {t.ActorRef.Path.Name}"));
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef subject) => Context.Watch(subject);
    }

    [Fact]
    public async Task Terminated_arrives_exactly_once_even_when_watched_twice()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "subject");
        var watcher = Sys.ActorOf(Props.Create<Watcher>(TestActor.Ref));
        Assert.Equal("watching", await watcher.Ask<string>(new WatchIt(subject), TimeSpan.FromSeconds(3)));
        Assert.Equal("watching", await watcher.Ask<string>(new WatchIt(subject), TimeSpan.FromSeconds(3)));
        Sys.Stop(subject);
        await ExpectMsgAsync("terminated subject");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Watching_an_actor_that_is_already_dead_delivers_Terminated_at_once()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "dead");
        await WatchAsync(subject);
        Sys.Stop(subject);
        await ExpectTerminatedAsync(subject);

        var watcher = Sys.ActorOf(Props.Create<Watcher>(TestActor.Ref));
        await watcher.Ask<string>(new WatchIt(subject), TimeSpan.FromSeconds(3));
        await ExpectMsgAsync("terminated dead");
    }

    [Fact]
    public async Task Unwatch_means_no_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "unwatched");
        var watcher = Sys.ActorOf(Props.Create<Watcher>(TestActor.Ref));
        await watcher.Ask<string>(new WatchIt(subject), TimeSpan.FromSeconds(3));
        await watcher.Ask<string>(new UnwatchIt(subject), TimeSpan.FromSeconds(3));
        var probe = CreateTestProbe();
        await probe.WatchAsync(subject);
        Sys.Stop(subject);
        await probe.ExpectTerminatedAsync(subject);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task An_unhandled_Terminated_fails_the_watcher_with_a_death_pact()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create<CarelessWatcher>(subject));
        await WatchAsync(watcher);
        await AwaitAssertAsync(() => Assert.False(((InternalActorRef)watcher).IsTerminated));
        Sys.Stop(subject);
        await ExpectTerminatedAsync(watcher);   // DeathPactException → default decider stops it
    }

    [Fact]
    public async Task Many_watchers_each_get_one_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var probes = Enumerable.Range(0, 20).Select(_ => CreateTestProbe()).ToList();
        foreach (var p in probes)
        {
            await p.WatchAsync(subject);
        }

        Sys.Stop(subject);
        foreach (var p in probes)
        {
            await p.ExpectTerminatedAsync(subject);
            await p.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(20));
        }
    }
}
