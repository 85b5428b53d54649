namespace Lifespan.Actors;

/// <summary>Tick that becomes <see cref="ReceiveTimeout"/> if no message arrived since it was armed.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;

/// <summary>Receive timeout: a <see cref="ReceiveTimeout"/> after a quiet period, re-armed by every message.</summary>
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

            return;
        }

        Extras.ReceiveTimeout = timeout;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        var extras = _extras!;
        var generation = ++extras.ReceiveTimeoutGeneration;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = System.Options.TimeProvider.CreateTimer(
            static s => { var (self, gen) = ((LocalActorRef, int))s!; self.Tell(new ReceiveTimeoutTick(gen), ActorRefs.NoSender); },
            (SelfRef, generation),
            extras.ReceiveTimeout!.Value,
            Timeout.InfiniteTimeSpan);
    }

    private void CancelReceiveTimeout()
    {
        if (_extras?.ReceiveTimeoutTimer is { } timer)
        {
            timer.Dispose();
            _extras.ReceiveTimeoutTimer = null;
            _extras.ReceiveTimeoutGeneration++;
        }
    }

    private bool ReceiveTimeoutIsCurrent(ReceiveTimeoutTick tick) =>
        _extras is { ReceiveTimeout: not null } extras && extras.ReceiveTimeoutGeneration == tick.Generation;
}
