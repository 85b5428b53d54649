
namespace Lifespan.Actors.State;

/// <summary>
/// The work waiting in a session, in two queues: lock requests, out-of-band changes and subscriptions go ahead of
/// events. The count of waiting work is kept beside them, so that asking whether the session is idle (every event
/// asks) reads the session alone, not the queues' own objects.
/// </summary>
/// <typeparam name="T">The kind of work.</typeparam>
internal struct WorkQueues<T>
    where T : class
{
    private Queue<T>? _events;
    private Queue<T>? _priority;
    private int _count;

    /// <summary>How much work waits (read by the actor tree from other threads).</summary>
    public readonly int Count => Volatile.Read(in _count);

    /// <summary>How many events wait (not counting priority work).</summary>
    public readonly int EventCount => _events?.Count ?? 0;

    /// <summary>How much priority work waits.</summary>
    public readonly int PriorityCount => _priority?.Count ?? 0;

    /// <summary>Queues <paramref name="work"/> behind the waiting events.</summary>
    public void EnqueueEvent(T work)
    {
        (_events ??= new Queue<T>()).Enqueue(work);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Queues <paramref name="work"/> ahead of every event, behind earlier priority work.</summary>
    public void EnqueuePriority(T work)
    {
        (_priority ??= new Queue<T>()).Enqueue(work);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Takes the next work: priority work first, then the oldest event; <see langword="null"/> when none waits.</summary>
    public T? Dequeue()
    {
        if (_count == 0)
        {
            return null;
        }

        var next = _priority is { Count: > 0 } p ? p.Dequeue() : _events!.Dequeue();
        Volatile.Write(ref _count, _count - 1);
        return next;
    }

    /// <summary>The waiting priority work, oldest first (a snapshot).</summary>
    public readonly IEnumerable<T> Priority => _priority ?? Enumerable.Empty<T>();

    /// <summary>Drops the priority work that <paramref name="match"/> selects, keeping the order of the rest.</summary>
    public void RemovePriority(Func<T, bool> match)
    {
        if (_priority is not { Count: > 0 } queue)
        {
            return;
        }

        var before = queue.Count;
        _priority = new Queue<T>(queue.Where(w => !match(w)));
        Volatile.Write(ref _count, _count - (before - _priority.Count));
    }
}
