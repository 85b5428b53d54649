using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class AskTests : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<int>(n => Sender.Tell(n * 2));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("no such order"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.Length));
        }
    }

    [Fact]
    public async Task Ask_returns_the_typed_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "replier");
        Assert.Equal(42, await actor.Ask<int>(21, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_times_out_with_the_target_path_and_message_type()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "quiet");
        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<int>("silent", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("/user/quiet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("String", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_the_task_clearly()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "typed");
        var ex = await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>(5, TimeSpan.FromSeconds(3)));
        Assert.Contains("expected a reply of type String but got Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_reply_faults_the_task_with_its_cause()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<int>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("no such order", ex.Message);
    }

    [Fact]
    public async Task A_failure_reply_is_returned_when_asked_for()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var failure = await actor.Ask<Status.Failure>("fail", TimeSpan.FromSeconds(3));
        Assert.IsType<InvalidOperationException>(failure.Cause);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_non_positive_timeout_is_rejected(int milliseconds)
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = actor.Ask<int>(1, TimeSpan.FromMilliseconds(milliseconds)); });
        Assert.Contains("must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_a_stopped_actor_fails_at_once_instead_of_timing_out()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>(), "gone");
        await WatchAsync(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);
        var ex = await Assert.ThrowsAsync<AskTargetTerminatedException>(() => actor.Ask<int>(1, TimeSpan.FromMinutes(5)));
        Assert.Contains("/user/gone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_honours_its_cancellation_token()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var ask = actor.Ask<int>("silent", TimeSpan.FromMinutes(1), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }
}
