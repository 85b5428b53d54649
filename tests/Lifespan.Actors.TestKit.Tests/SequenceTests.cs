using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.TestKit.Tests;

public sealed class SequenceTests : TestKit
{
    [Fact]
    public async Task ExpectMsgAllOfAsync_accepts_the_messages_in_any_order()
    {
        foreach (var n in new[] { 3, 1, 2 })
        {
            TestActor.Ref.Tell(n);
        }

        Assert.Equal([3, 1, 2], await ExpectMsgAllOfAsync(1, 2, 3));
    }

    [Fact]
    public async Task ExpectMsgAllOfAsync_fails_naming_an_unexpected_message_and_what_is_missing()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell(1);
        probe.Ref.Tell(9);
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAllOfAsync(1, 2));
        Assert.Contains("Expected all of [1, 2] but received Int32 9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("none of the missing [2]", ex.Message, StringComparison.Ordinal);

        probe.Ref.Tell(1);
        ex = await Assert.ThrowsAsync<TestKitException>(() => probe.ExpectMsgAllOfAsync(Enumerable.Range(1, 2), TimeSpan.FromMilliseconds(50)));
        Assert.Contains("received only [1]; missing [2]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsgAnyOfAsync_takes_one_of_the_values()
    {
        TestActor.Ref.Tell("b");
        Assert.Equal("b", await ExpectMsgAnyOfAsync("a", "b"));
        TestActor.Ref.Tell("c");
        var ex = await Assert.ThrowsAsync<TestKitException>(() => ExpectMsgAnyOfAsync("a", "b"));
        Assert.Contains("Expected any of [\"a\", \"b\"] but received String \"c\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveWhileAsync_stops_at_the_first_other_message_and_leaves_it_for_the_next_expectation()
    {
        var probe = CreateTestProbe();
        foreach (var m in new object[] { 1, 2, 30, 4 })
        {
            probe.Ref.Tell(m);
        }

        Assert.Equal([1, 2], await probe.ReceiveWhileAsync<int>(n => n < 10));
        Assert.Equal(2, probe.LastMessage);
        Assert.Equal(30, await probe.ExpectMsgAsync<int>());
        probe.Ref.Tell("end");
        Assert.Equal([4], await probe.ReceiveWhileAsync<int>());
        Assert.Equal("end", await probe.ExpectMsgAsync<string>());
    }

    [Fact]
    public async Task ReceiveWhileAsync_stops_after_count_messages_or_when_idle()
    {
        var probe = CreateTestProbe();
        foreach (var n in new[] { 1, 2, 3 })
        {
            probe.Ref.Tell(n);
        }

        Assert.Equal([1, 2], await probe.ReceiveWhileAsync<int>(count: 2));
        Assert.Equal([3], await probe.ReceiveWhileAsync<int>(max: Timeout.InfiniteTimeSpan, idle: TimeSpan.FromMilliseconds(50)));
    }
}
