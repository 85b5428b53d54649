using System.Collections.Concurrent;

namespace Lifespan.Actors.State;

/// <summary>
/// The default <see cref="IStateStore"/>: a dictionary in this process. Saved sessions expire after
/// <see cref="ExpireAfter"/> so that abandoned ones do not accumulate; they are lost when the process ends.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<string, (string Json, long SavedAt)> _items = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _nextSweep;

    /// <summary>Creates an empty store.</summary>
    public InMemoryStateStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>How long a saved session is kept without being loaded again. Default 1 day.</summary>
    public TimeSpan ExpireAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How many sessions are saved.</summary>
    public int Count => _items.Count;

    /// <inheritdoc />
    public ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return _items.TryGetValue(sessionId, out var item) && !Expired(item.SavedAt, _time.GetTimestamp())
            ? ValueTask.FromResult<string?>(item.Json)
            : ValueTask.FromResult<string?>(null);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(json);
        var now = _time.GetTimestamp();
        _items[sessionId] = (json, now);
        SweepIfDue(now);
        return ValueTask.CompletedTask;
    }

    private bool Expired(long savedAt, long now) => _time.GetElapsedTime(savedAt, now) > ExpireAfter;

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (long)(ExpireAfter.TotalSeconds / 10 * _time.TimestampFrequency), due) != due)
        {
            return;
        }

        foreach (var (id, item) in _items)
        {
            if (Expired(item.SavedAt, now))
            {
                _items.TryRemove(new KeyValuePair<string, (string, long)>(id, item));
            }
        }
    }
}
