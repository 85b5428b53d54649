using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class ContextTests : TestKit.TestKit
{
    [Fact]
    public async Task ActorOf_names_children_below_the_parent()
    {
        var parent = Sys.ActorOf(Props.Create<ParentActor>(TestActor.Ref), "parent");
        var child = await parent.Ask<IActorRef>((Props.Create<EchoActor>(), "kid"), TimeSpan.FromSeconds(3));
        Assert.Equal("/user/parent/kid", child.Path.ToString());
        var generated = await parent.Ask<IActorRef>(Props.Create<EchoActor>(), TimeSpan.FromSeconds(3));
        Assert.StartsWith("$", generated.Path.Name, StringComparison.Ordinal);
        Assert.Equal(parent.Path, generated.Path.Parent);
    }

    [Fact]
    public void A_duplicate_name_is_rejected_naming_the_path()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "twin");
        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "twin"));
        Assert.Contains("/user/twin already exists", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("$mine", "reserved for generated names")]
    [InlineData("a/b", "character '/' at position 1")]
    [InlineData("sp ace", "character ' ' at position 2")]
    public void An_invalid_name_is_rejected_with_the_reason(string name, string reason)
    {
        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("/user", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void ActorOf_rejects_null_props() => Assert.Throws<ArgumentNullException>(() => Sys.ActorOf(null!));

    private sealed class Family : ReceiveActor
    {
        public Family()
        {
            Context.ActorOf(Props.Create<EchoActor>(), "a");
            Context.ActorOf(Props.Create<EchoActor>(), "b");
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.Children.Select(c => c.Path.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray()));
            Receive<string>(s => s.StartsWith("child:", StringComparison.Ordinal), s => Sender.Tell((object?)Context.Child(s[6..]) ?? "none"));
            Receive<string>(s => s.StartsWith("stop:", StringComparison.Ordinal), s => Context.Stop(Context.Child(s[5..])!));
            Receive<string>(s => s == "parent", _ => Sender.Tell(Context.Parent));
        }
    }

    [Fact]
    public async Task Child_Children_Stop_and_Parent()
    {
        var family = Sys.ActorOf(Props.Create<Family>(), "family");
        Assert.Equal(["a", "b"], await family.Ask<string[]>("children", TimeSpan.FromSeconds(3)));
        var a = await family.Ask<IActorRef>("child:a", TimeSpan.FromSeconds(3));
        Assert.Equal("/user/family/a", a.Path.ToString());
        Assert.Equal("none", await family.Ask<string>("child:zzz", TimeSpan.FromSeconds(3)));
        Assert.Equal("/user", (await family.Ask<IActorRef>("parent", TimeSpan.FromSeconds(3))).Path.ToString());

        await WatchAsync(a);
        family.Tell("stop:a");
        await ExpectTerminatedAsync(a);
        await AwaitAssertAsync(async () => Assert.Equal(["b"], await family.Ask<string[]>("children", TimeSpan.FromSeconds(3))));
    }

    private sealed class Moody : ReceiveActor
    {
        public Moody()
        {
            Receive<string>(s => s == "angry", _ => Context.BecomeStacked(() =>
            {
                Receive<string>(s => s == "calm", _ => Context.UnbecomeStacked());
                Receive<string>(s => Sender.Tell($"grr {s}"));
            }));
            Receive<string>(s => s == "sleepy", _ => Context.Become(() => Receive<string>(s => Sender.Tell($"zzz {s}"))));
            Receive<string>(s => Sender.Tell($"hello {s}"));
        }
    }

    [Fact]
    public async Task Become_replaces_and_BecomeStacked_pushes_handlers()
    {
        var actor = Sys.ActorOf(Props.Create<Moody>());
        actor.Tell("x", TestActor.Ref);
        await ExpectMsgAsync("hello x");
        actor.Tell("angry");
        actor.Tell("y", TestActor.Ref);
        await ExpectMsgAsync("grr y");
        actor.Tell("calm");
        actor.Tell("z", TestActor.Ref);
        await ExpectMsgAsync("hello z");
        actor.Tell("sleepy");
        actor.Tell("w", TestActor.Ref);
        await ExpectMsgAsync("zzz w");
        actor.Tell("calm", TestActor.Ref);   // Become discarded the old handlers: no way back
        await ExpectMsgAsync("zzz calm");
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => { probe.Tell("timeout"); Context.SetReceiveTimeout(null); });
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public async Task SetReceiveTimeout_sends_ReceiveTimeout_after_a_quiet_period()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>(TestActor.Ref, TimeSpan.FromMilliseconds(300)));
        actor.Tell("one");
        await ExpectMsgAsync("one");
        await ExpectMsgAsync("timeout", TimeSpan.FromSeconds(3));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));   // turned off in the handler
    }

    [Fact]
    public async Task Messages_keep_resetting_the_receive_timeout()
    {
        // Ten gaps of 250 ms add up to more than the 2 s timeout; only the reset on each message keeps it quiet.
        // Each gap leaves 1.75 s of margin, so a loaded machine does not fire the timeout early.
        var actor = Sys.ActorOf(Props.Create<Idle>(TestActor.Ref, TimeSpan.FromSeconds(2)));
        for (var i = 0; i < 10; i++)
        {
            actor.Tell($"m{i}");
            await ExpectMsgAsync($"m{i}");
            await Task.Delay(250);   // the quiet gap under test, shorter than the timeout
        }

        await ExpectMsgAsync("timeout", TimeSpan.FromSeconds(5));
    }

    private sealed class BadTimeout : ReceiveActor
    {
        public BadTimeout(IActorRef probe)
        {
            Receive<string>(_ =>
            {
                try
                {
                    Context.SetReceiveTimeout(TimeSpan.Zero);
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    probe.Tell(ex.Message);
                }
            });
        }
    }

    [Fact]
    public async Task A_non_positive_receive_timeout_is_rejected()
    {
        var actor = Sys.ActorOf(Props.Create<BadTimeout>(TestActor.Ref));
        actor.Tell("go");
        var message = await ExpectMsgAsync<string>();
        Assert.Contains("must be positive", message, StringComparison.Ordinal);
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    [Fact]
    public async Task Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create<Forwarder>(echo));
        forwarder.Tell("ping", TestActor.Ref);
        await ExpectMsgAsync("ping");
        Assert.Equal(echo, TestActor.Sender);
    }
}
