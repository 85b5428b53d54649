using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class ReceiveTests : TestKit.TestKit
{
    private sealed class Picky : ReceiveActor
    {
        public Picky()
        {
            Receive<int>(n => Sender.Tell($"even {n}"), n => n % 2 == 0);
            Receive<int>(n => Sender.Tell($"odd {n}"));
            Receive<string>(s => Sender.Tell($"string {s}"));
        }
    }

    private sealed class CatchAll : ReceiveActor
    {
        public CatchAll()
        {
            Receive<int>(n => Sender.Tell($"int {n}"));
            ReceiveAny(m => Sender.Tell($"any {m}"));
        }
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration() => ReceiveAny(_ => Receive<int>(_ => { }));
    }

    [Fact]
    public async Task The_first_handler_whose_type_and_predicate_match_handles_the_message()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());
        actor.Tell(2, TestActor.Ref);
        actor.Tell(3, TestActor.Ref);
        actor.Tell("x", TestActor.Ref);
        await ExpectMsgAsync("even 2");
        await ExpectMsgAsync("odd 3");
        await ExpectMsgAsync("string x");
    }

    [Fact]
    public async Task ReceiveAny_takes_what_earlier_handlers_leave()
    {
        var actor = Sys.ActorOf(Props.Create<CatchAll>());
        actor.Tell(1, TestActor.Ref);
        actor.Tell(2.5, TestActor.Ref);
        await ExpectMsgAsync("int 1");
        await ExpectMsgAsync("any 2.5");
    }

    [Fact]
    public async Task Unhandled_messages_are_published_and_never_thrown_at_the_sender()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<Picky>(), "picky");
        actor.Tell(1.5, TestActor.Ref);
        var unhandled = await ExpectMsgAsync<UnhandledMessage>();
        Assert.Equal(1.5, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);

        actor.Tell(4, TestActor.Ref);
        await ExpectMsgAsync("even 4");   // still running: unhandled is not a failure
    }

    [Fact]
    public async Task Registering_a_handler_outside_the_constructor_fails_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<LateRegistration>());
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(UnhandledMessage));
        actor.Tell("x");
        actor.Tell(1, TestActor.Ref);   // restarted instance handles nothing either way: no crash
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Telling_null_is_rejected()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());
        Assert.Throws<ArgumentNullException>(() => actor.Tell(null!));
    }
}
