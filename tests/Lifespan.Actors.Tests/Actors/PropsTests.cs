using Lifespan.Actors.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Tests.Actors;

public sealed class PropsTests : TestKit.TestKit
{
    public PropsTests() : base(options: new TestKitOptions { ConfigureSystem = o => o.Services = BuildServices() })
    {
    }

    private static ServiceProvider BuildServices() =>
        new ServiceCollection().AddSingleton(new Greeting("hello from DI")).BuildServiceProvider();

    public sealed record Greeting(string Text);

    private sealed class GreetingActor : ReceiveActor
    {
        public GreetingActor(Greeting greeting, string suffix) => ReceiveAny(_ => Sender.Tell(greeting.Text + suffix));
    }

    private sealed class ArgsActor : ReceiveActor
    {
        public ArgsActor(int number, string text) => ReceiveAny(_ => Sender.Tell($"{text}{number}"));
    }

    [Fact]
    public async Task Create_by_type_with_arguments()
    {
        var actor = Sys.ActorOf(Props.Create<ArgsActor>(7, "n="));
        actor.Tell("go", TestActor.Ref);
        await ExpectMsgAsync("n=7");
        Assert.Equal(typeof(ArgsActor), Props.Create<ArgsActor>(1, "x").ActorType);
    }

    [Fact]
    public async Task Create_by_factory()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ArgsActor(3, "f=")));
        actor.Tell("go", TestActor.Ref);
        await ExpectMsgAsync("f=3");
    }

    [Fact]
    public async Task FromServices_fills_parameters_from_dependency_injection()
    {
        var actor = Sys.ActorOf(Props.FromServices<GreetingActor>("!"));
        actor.Tell("go", TestActor.Ref);
        await ExpectMsgAsync("hello from DI!");
    }

    [Fact]
    public void Create_with_arguments_no_constructor_accepts_is_rejected_at_once()
    {
        var ex = Assert.Throws<ArgumentException>(() => Props.Create<ArgsActor>("wrong", 1));
        Assert.Contains("No public constructor of ArgsActor accepts (String, Int32)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_by_type_rejects_a_type_that_is_not_an_actor()
    {
        var ex = Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
        Assert.Contains("String is not a concrete actor type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_actor_cannot_be_created_with_new()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EchoActor());
        Assert.Contains("must be created by the actor system", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_factory_that_returns_the_same_instance_fails_the_actor_clearly()
    {
        EchoActor? shared = null;
        var probe = CreateTestProbe();
        var props = Props.Create(() => shared ??= new EchoActor());
        var first = Sys.ActorOf(props);
        first.Tell("x", probe.Ref);
        await probe.ExpectMsgAsync("x");
        var second = Sys.ActorOf(props);
        await WatchAsync(second);
        await ExpectTerminatedAsync(second);
    }
}
