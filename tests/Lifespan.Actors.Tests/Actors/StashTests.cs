using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class StashTests : TestKit.TestKit
{
    /// <summary>Stashes strings until "open", then replays them; "twice" stashes the same message twice.</summary>
    private sealed class Gate : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Gate(IActorRef probe)
        {
            _probe = probe;
            Closed();
        }

        private void Closed()
        {
            Receive<string>(s => s == "open", _ => { Context.Become(Open); Stash.UnstashAll(); });
            Receive<string>(s => s == "one", _ => { Context.Become(Open); Stash.Unstash(); });
            Receive<string>(s => s == "twice", _ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                }
                catch (IllegalActorStateException ex)
                {
                    _probe.Tell(ex.Message);
                }
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => s == "count", _ => _probe.Tell(Stash.Count));
            Receive<string>(_ => Stash.Stash());
        }

        private void Open() => Receive<string>(s => _probe.Tell(s));
    }

    [Fact]
    public async Task UnstashAll_replays_in_the_original_order_ahead_of_newer_messages()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>(TestActor.Ref));
        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("c");
        gate.Tell("count");
        await ExpectMsgAsync(3);
        gate.Tell("open");
        gate.Tell("d");
        Assert.Equal(["a", "b", "c", "d"], await ReceiveNAsync(4));
    }

    [Fact]
    public async Task Unstash_puts_back_only_the_oldest()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>(TestActor.Ref));
        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("one");
        gate.Tell("z");
        Assert.Equal(["a", "z"], await ReceiveNAsync(2));
        await ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Stashing_the_same_message_twice_throws()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>(TestActor.Ref));
        gate.Tell("twice");
        var message = await ExpectMsgAsync<string>();
        Assert.Contains("stash the same String message twice", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_unstashes_for_the_new_instance()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>(TestActor.Ref));
        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("fail");
        gate.Tell("open");   // handled by the new instance after a and b come back, which it stashes again first
        gate.Tell("c");
        Assert.Equal(["a", "b", "c"], await ReceiveNAsync(3));
    }

    [Fact]
    public async Task A_stop_sends_the_stash_to_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var gate = Sys.ActorOf(Props.Create<Gate>(TestActor.Ref));
        gate.Tell("x");
        gate.Tell("y");
        gate.Tell(PoisonPill.Instance);
        var letters = await ReceiveNAsync(2);
        Assert.Equal(["x", "y"], letters.Cast<DeadLetter>().Select(d => d.Message));
    }
}
