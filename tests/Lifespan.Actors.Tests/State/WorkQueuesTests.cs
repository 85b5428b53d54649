using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

/// <summary>A session's waiting work: priority work first, each queue in arrival order, and the count kept beside them.</summary>
public sealed class WorkQueuesTests
{
    [Fact]
    public void Priority_work_is_taken_before_events_and_each_kind_in_arrival_order()
    {
        var queues = new WorkQueues<string>();
        queues.EnqueueEvent("e1");
        queues.EnqueuePriority("p1");
        queues.EnqueueEvent("e2");
        queues.EnqueuePriority("p2");

        Assert.Equal(4, queues.Count);
        Assert.Equal(2, queues.EventCount);
        Assert.Equal(2, queues.PriorityCount);
        Assert.Equal(["p1", "p2", "e1", "e2"], Drain(ref queues));
        Assert.Equal(0, queues.Count);
        Assert.Null(queues.Dequeue());
    }

    [Fact]
    public void Removing_priority_work_keeps_the_rest_in_order_and_the_count_right()
    {
        var queues = new WorkQueues<string>();
        queues.EnqueuePriority("lock-1");
        queues.EnqueuePriority("change");
        queues.EnqueuePriority("lock-2");
        queues.EnqueueEvent("event");

        queues.RemovePriority(w => w.StartsWith("lock", StringComparison.Ordinal));

        Assert.Equal(["change"], queues.Priority);
        Assert.Equal(2, queues.Count);
        Assert.Equal(["change", "event"], Drain(ref queues));
    }

    [Fact]
    public void An_empty_set_has_nothing_to_remove_or_take()
    {
        var queues = new WorkQueues<string>();

        queues.RemovePriority(_ => true);

        Assert.Equal(0, queues.Count);
        Assert.Empty(queues.Priority);
        Assert.Null(queues.Dequeue());
    }

    private static List<string> Drain(ref WorkQueues<string> queues)
    {
        var taken = new List<string>();
        while (queues.Dequeue() is { } next)
        {
            taken.Add(next);
        }

        return taken;
    }
}
