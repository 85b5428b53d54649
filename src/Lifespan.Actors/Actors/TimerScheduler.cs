namespace Lifespan.Actors;

/// <summary>An actor's keyed timers, built on <see cref="TimeProvider"/> timers and generation numbers.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan, nameof(delay));

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer's interval must be positive.");
        }

        Start(key, message, initialDelay, interval, nameof(initialDelay));
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_timers)
        {
            return _timers.ContainsKey(key);
        }
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_timers)
        {
            if (_timers.Remove(key, out var entry))
            {
                entry.Timer.Dispose();
            }
        }
    }

    public void CancelAll()
    {
        lock (_timers)
        {
            foreach (var entry in _timers.Values)
            {
                entry.Timer.Dispose();
            }

            _timers.Clear();
        }
    }

    /// <summary>Whether a tick still belongs to a live timer; forgets a single timer once it fired.</summary>
    public bool Accept(TimerMessage tick)
    {
        lock (_timers)
        {
            if (!_timers.TryGetValue(tick.Key, out var entry) || entry.Generation != tick.Generation)
            {
                return false;
            }

            if (!entry.Periodic)
            {
                _timers.Remove(tick.Key);
                entry.Timer.Dispose();
            }

            return true;
        }
    }

    private void Start(object key, object message, TimeSpan due, TimeSpan period, string dueName)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (due < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(dueName, due, "A timer's delay must not be negative.");
        }

        lock (_timers)
        {
            if (_timers.Remove(key, out var old))
            {
                old.Timer.Dispose();
            }

            var tick = new TimerMessage(key, ++_generation, message);
            var timer = cell.System.Options.TimeProvider.CreateTimer(
                static s => { var (self, t) = ((LocalActorRef, TimerMessage))s!; self.Tell(t, ActorRefs.NoSender); },
                (cell.SelfRef, tick),
                due,
                period);
            _timers[key] = new Entry(timer, tick.Generation, period != Timeout.InfiniteTimeSpan);
        }
    }

    private readonly record struct Entry(ITimer Timer, int Generation, bool Periodic);

    /// <summary>What a timer sends; the cell unwraps it after checking it is still current.</summary>
    internal sealed record TimerMessage(object Key, int Generation, object Message) : IAutoReceivedMessage;
}
