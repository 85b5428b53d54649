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
}
