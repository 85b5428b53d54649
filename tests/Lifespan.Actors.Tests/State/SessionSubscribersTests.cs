using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

/// <summary>A session's subscriber set: none, one (kept without an array) or many, each told once per message.</summary>
public sealed class SessionSubscribersTests : TestKit
{
    [Fact]
    public void An_empty_set_tells_no_one()
    {
        var subscribers = new SessionSubscribers();

        subscribers.Tell("hello", ActorRefs.Nobody);

        Assert.Equal(0, subscribers.Count);
    }

    [Fact]
    public async Task One_two_and_three_subscribers_are_each_told_once_and_removed_one_at_a_time()
    {
        var (a, b, c) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var subscribers = new SessionSubscribers();

        subscribers.Add(a.Ref);
        subscribers.Tell("one", ActorRefs.Nobody);
        subscribers.Add(b.Ref);
        subscribers.Add(c.Ref);
        subscribers.Tell("three", ActorRefs.Nobody);
        Assert.True(subscribers.Remove(b.Ref));
        subscribers.Tell("two", ActorRefs.Nobody);
        Assert.True(subscribers.Remove(a.Ref));
        subscribers.Tell("last", ActorRefs.Nobody);

        Assert.Equal(1, subscribers.Count);
        Assert.True(subscribers.Contains(c.Ref));
        Assert.False(subscribers.Contains(a.Ref));
        Assert.Equal(["one", "three", "two"], await ReceiveAsync(a, 3));
        Assert.Equal(["three"], await ReceiveAsync(b, 1));
        Assert.Equal(["three", "two", "last"], await ReceiveAsync(c, 3));
        await b.ExpectNoMsgAsync(TimeSpan.Zero);
        await a.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public void Removing_one_that_is_not_there_changes_nothing()
    {
        var subscribers = new SessionSubscribers();
        subscribers.Add(CreateTestProbe().Ref);

        Assert.False(subscribers.Remove(CreateTestProbe().Ref));
        Assert.Equal(1, subscribers.Count);
    }

    [Fact]
    public void Removing_the_last_leaves_an_empty_set()
    {
        var probe = CreateTestProbe();
        var subscribers = new SessionSubscribers();
        subscribers.Add(probe.Ref);

        Assert.True(subscribers.Remove(probe.Ref));

        Assert.Equal(0, subscribers.Count);
        Assert.False(subscribers.Contains(probe.Ref));
    }

    private static async Task<string[]> ReceiveAsync(TestProbe probe, int count)
    {
        var messages = new string[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = await probe.ExpectMsgAsync<string>();
        }

        return messages;
    }
}
