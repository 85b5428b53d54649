using System.Collections;
using System.Collections.Concurrent;

namespace Lifespan.Actors.State;

/// <summary>
/// A live, read-only view of the running background tasks: a task appears when it starts and disappears when its body
/// ends. Enumerating it takes a moment's snapshot, ordered by start.
/// </summary>
public sealed class BackgroundTaskCollection : IReadOnlyCollection<BackgroundTaskInfo>
{
    private readonly ConcurrentDictionary<long, BackgroundTaskInfo> _tasks = new();

    internal BackgroundTaskCollection() { }

    /// <inheritdoc />
    public int Count => _tasks.Count;

    /// <summary>The running task <paramref name="id"/>, if it is still running.</summary>
    public BackgroundTaskInfo? Find(long id) => _tasks.TryGetValue(id, out var info) ? info : null;

    /// <inheritdoc />
    public IEnumerator<BackgroundTaskInfo> GetEnumerator() =>
        _tasks.Values.OrderBy(t => t.Id).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Completes when every task running now has ended, or when <paramref name="cancellationToken"/> is cancelled.</summary>
    internal Task WhenAllEndedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_tasks.Values.Select(t => t.Ended)).WaitAsync(cancellationToken);

    internal void Add(BackgroundTaskInfo info) => _tasks[info.Id] = info;

    internal void Remove(BackgroundTaskInfo info)
    {
        _tasks.TryRemove(info.Id, out _);
        info.MarkEnded();
    }
}
