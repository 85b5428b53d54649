using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class ActorSystemTests : TestKit.TestKit
{
    [Fact]
    public async Task Top_level_actors_live_under_user()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal("/user/echo", echo.Path.ToString());
        Assert.Equal($"lifespan://{Sys.Name}/user/echo", echo.Path.ToStringWithAddress());
        echo.Tell("hi", TestActor.Ref);
        await ExpectMsgAsync("hi");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("a/b")]
    public void Create_rejects_a_malformed_name(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));
        Assert.Contains("invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_rejects_options_out_of_range()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("x", new ActorSystemOptions { Throughput = 0 }));
        Assert.Contains("Throughput", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("x", new ActorSystemOptions { HandlerStopTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Terminate_stops_every_actor_and_completes_WhenTerminated()
    {
        await using var system = ActorSystem.Create("terminating");
        var probe = CreateTestProbe();
        var parent = system.ActorOf(Props.Create<ReportingActor>(probe.Ref, "p"), "p");
        await probe.ExpectMsgAsync("p:prestart");

        var terminated = system.Terminate();
        await probe.ExpectMsgAsync("p:poststop");
        await terminated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(system.IsTerminated);
        Assert.Same(terminated, system.WhenTerminated);
        Assert.True(((InternalActorRef)parent).IsTerminated);
    }

    [Fact]
    public async Task DisposeAsync_terminates_the_system()
    {
        var system = ActorSystem.Create("disposed");
        await system.DisposeAsync();
        Assert.True(system.IsTerminated);
    }

    [Fact]
    public async Task Terminate_can_be_called_repeatedly()
    {
        var system = ActorSystem.Create("twice");
        var first = system.Terminate();
        var second = system.Terminate();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Stop_rejects_an_actor_of_another_system()
    {
        await using var other = ActorSystem.Create("other");
        var foreign = other.ActorOf(Props.Create<EchoActor>());
        var ex = Assert.Throws<ArgumentException>(() => Sys.Stop(foreign));
        Assert.Contains("belongs to actor system 'other'", ex.Message, StringComparison.Ordinal);
    }
}
