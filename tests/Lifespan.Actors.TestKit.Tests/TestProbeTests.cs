using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.TestKit.Tests;

public sealed class TestProbeTests : TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public async Task ExpectMsgAsync_returns_the_message_and_records_its_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        probe.Send(echo, 42);
        Assert.Equal(42, await probe.ExpectMsgAsync<int>());
        Assert.Equal(echo, probe.Sender);
        Assert.Equal(42, probe.LastMessage);
    }

    [Fact]
    public async Task A_wrong_message_fails_saying_what_was_expected_and_what_arrived()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("hello");
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<int>());
        Assert.Contains("Expected Int32 but received String \"hello\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_message_fails_saying_how_long_it_waited()
    {
        var probe = CreateTestProbe();
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<int>(timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Expected Int32 within 00:00:00.05", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no message arrived", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hint_is_added_to_what_was_expected_never_in_place_of_it()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("x");
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<int>(hint: "the balance"));
        Assert.Contains("Expected Int32 (the balance) but received String \"x\"", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync(7, TimeSpan.FromMilliseconds(20), "the balance"));
        Assert.Contains("Expected Int32 7 (the balance) within", ex.Message, StringComparison.Ordinal);

        TestActor.Ref.Tell(-1);
        ex = await Assert.ThrowsAsync<TestKitException>(() => ExpectMsgAsync<int>(n => n > 0, hint: "a positive count"));
        Assert.Contains("Expected Int32 matching the predicate (a positive count) but received Int32 -1", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<TestKitException>(() => probe.FishForMessageAsync<int>(timeout: TimeSpan.FromMilliseconds(20), hint: "the count"));
        Assert.Contains("Fished for Int32 (the count) for", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_predicate_that_does_not_match_fails()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(3);
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync<int>(n => n > 5));
        Assert.Contains("Int32 matching the predicate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expected_value_is_compared_as_Assert_Equal_compares_it_so_collections_by_their_items()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(Pair(1, 2));
        var received = await probe.ExpectMsgAsync(Pair(1, 2));
        Assert.Equal(Pair(1, 2), received);
        probe.Ref.Tell(new List<string> { "a", "b" });
        await probe.ExpectMsgAsync<IReadOnlyList<string>>(new List<string> { "a", "b" });

        probe.Ref.Tell(Pair(1, 3));
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAsync(Pair(1, 2)));
        Assert.Contains("Expected Int32[] [1, 2] but received Int32[] [1, 3]", ex.Message, StringComparison.Ordinal);

        static int[] Pair(int a, int b) => [a, b];
    }

    [Fact]
    public async Task ExpectNoMsgAsync_fails_when_a_message_arrives()
    {
        var probe = CreateTestProbe();
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        probe.Ref.Tell("surprise");
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Expected no message", ex.Message, StringComparison.Ordinal);
        Assert.Contains("surprise", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveNAsync_collects_in_order_or_reports_what_it_got()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(1);
        probe.Ref.Tell(2);
        Assert.Equal([1, 2], await probe.ReceiveNAsync(2));
        probe.Ref.Tell(3);
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ReceiveNAsync(2, TimeSpan.FromMilliseconds(100)));
        Assert.Contains("Expected 2 messages", ex.Message, StringComparison.Ordinal);
        Assert.Contains("received 1: [3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_infinite_timeout_waits_instead_of_failing_at_once()
    {
        var probe = CreateTestProbe();
        var receiving = probe.ReceiveNAsync(1, Timeout.InfiniteTimeSpan);
        var fishing = CreateTestProbe();
        var fished = fishing.FishForMessageAsync(m => m is "late", Timeout.InfiniteTimeSpan);
        Assert.False(receiving.IsCompleted);
        probe.Ref.Tell("late");
        fishing.Ref.Tell("late");
        Assert.Equal(["late"], await receiving.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("late", await fished.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_negative_timeout_is_refused_saying_so()
    {
        var probe = CreateTestProbe();
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => probe.ExpectMsgAsync<int>(timeout: TimeSpan.FromMilliseconds(-5)));
        Assert.Contains("A TestKit timeout must not be negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_longer_than_a_timer_can_take_waits_without_a_limit()
    {
        var probe = CreateTestProbe();
        var receiving = probe.ExpectMsgAsync<int>(timeout: TimeSpan.FromDays(365));
        var noMessage = CreateTestProbe().ExpectNoMsgAsync(TimeSpan.FromDays(365));
        probe.Ref.Tell(1);
        Assert.Equal(1, await receiving.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(noMessage.IsFaulted, noMessage.Exception?.ToString());
    }

    [Fact]
    public async Task FishForMessageAsync_skips_until_a_match()
    {
        var probe = CreateTestProbe();
        foreach (var n in new[] { 1, 2, 3, 10, 4 })
        {
            probe.Ref.Tell(n);
        }

        Assert.Equal(10, await probe.FishForMessageAsync<int>(n => n >= 10));
        Assert.Equal(4, await probe.ExpectMsgAsync<int>());
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.FishForMessageAsync(m => false, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("without success", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_and_Forward_use_the_last_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        var other = CreateTestProbe();
        probe.Send(echo, "ping");
        await probe.ExpectMsgAsync("ping");
        probe.Reply("pong");     // to echo, which echoes back to the probe
        await probe.ExpectMsgAsync("pong");

        other.Ref.Tell("fwd", probe.Ref);
        await other.ExpectMsgAsync("fwd");
        other.Forward(echo);     // echo replies to the original sender: probe
        await probe.ExpectMsgAsync("fwd");
    }

    [Fact]
    public async Task WatchAsync_and_ExpectTerminatedAsync()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        await probe.WatchAsync(echo);
        Sys.Stop(echo);
        var terminated = await probe.ExpectTerminatedAsync(echo);
        Assert.Equal(echo, terminated.ActorRef);
    }

    [Fact]
    public async Task ExpectTerminatedAsync_fails_clearly_for_a_live_actor()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "alive");
        var probe = CreateTestProbe();
        await probe.WatchAsync(echo);
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectTerminatedAsync(echo, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Terminated(/user/alive)", ex.Message, StringComparison.Ordinal);
    }
}
