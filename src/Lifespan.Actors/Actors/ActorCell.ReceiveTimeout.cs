namespace Lifespan.Actors;

/// <summary>
/// Tick that becomes <see cref="ReceiveTimeout"/> if no message arrived since it was armed. The delivered
/// <see cref="ReceiveTimeout"/> re-arms the timeout as any message does, so an idle actor gets one every quiet period.
/// </summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage;

/// <summary>
/// Receive timeout: a <see cref="ReceiveTimeout"/> after every quiet period until it is cleared, re-armed by every
/// message (the <see cref="ReceiveTimeout"/> too).
/// </summary>
internal sealed partial class ActorCell
{
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "A receive timeout must be positive; pass null to turn it off.");
        }

        if (timeout is null)
        {
            CancelReceiveTimeout();
            if (_extras is not null)
            {
                _extras.ReceiveTimeout = null;
            }

            _hasReceiveTimeout = false;
            return;
        }

        Extras.ReceiveTimeout = timeout;
        _hasReceiveTimeout = true;
        RestartReceiveTimeout();
    }

    /// <summary>Re-arms the receive timeout; a tick armed before this one is now stale and will be dropped.</summary>
    private void RestartReceiveTimeout()
    {
        var extras = Extras;   // the timer and its generation live there
        Interlocked.Increment(ref extras.ReceiveTimeoutGeneration);
        if (extras.ReceiveTimeoutTimer is { } timer)
        {
            timer.Change(extras.ReceiveTimeout!.Value, Timeout.InfiniteTimeSpan);
            return;
        }

        extras.ReceiveTimeoutTimer = System.Options.TimeProvider.CreateTimer(
            static s => ((ActorCell)s!).OnReceiveTimeoutFired(),
            this,
            extras.ReceiveTimeout!.Value,
            Timeout.InfiniteTimeSpan);
    }

    private void OnReceiveTimeoutFired()
    {
        if (_extras is { } extras)
        {
            SelfRef.Tell(new ReceiveTimeoutTick(Volatile.Read(ref extras.ReceiveTimeoutGeneration)), ActorRefs.NoSender);
        }
    }

    private void CancelReceiveTimeout()
    {
        if (_extras?.ReceiveTimeoutTimer is { } timer)
        {
            timer.Dispose();
            _extras.ReceiveTimeoutTimer = null;
            Interlocked.Increment(ref _extras.ReceiveTimeoutGeneration);
        }
    }

    private bool ReceiveTimeoutIsCurrent(ReceiveTimeoutTick tick) =>
        _extras is { ReceiveTimeout: not null } extras && Volatile.Read(ref extras.ReceiveTimeoutGeneration) == tick.Generation;
}
