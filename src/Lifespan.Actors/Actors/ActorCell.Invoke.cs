namespace Lifespan.Actors;

/// <summary>One user message: the actor's handler, or the kernel's own handling of the messages it interprets.</summary>
internal sealed partial class ActorCell
{
    private void Invoke(object message, InternalActorRef? sender)
    {
        _currentMessage = message;
        _currentSender = sender;
        _currentStashed = false;

        try
        {
            var pending = message is IAutoReceivedMessage ? AutoReceive(message) : _actor!.Dispatch(message);
            if (pending is not null && !pending.IsCompletedSuccessfully)
            {
                if (!pending.IsCompleted)
                {
                    BeginAsync(pending);
                    return;
                }

                pending.GetAwaiter().GetResult();
            }

            EndMessage(_currentMessage);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, message);
        }
    }

    /// <summary>
    /// Handles a message the kernel interprets; leaves in <see cref="_currentMessage"/> what the actor received, or
    /// <see langword="null"/> when the message was dropped (a stale tick, a <see cref="Terminated"/> no longer wanted).
    /// </summary>
    private Task? AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated t:
                bool queued;
                lock (this)
                {
                    queued = _extras?.TerminatedQueued?.Remove((InternalActorRef)t.ActorRef) == true;
                }

                return queued ? _actor!.Dispatch(t) : Dropped();
            case PoisonPill:
                SelfRef.SendSystemMessage(new Terminate());
                return null;
            case Kill:
                throw new ActorKilledException($"Actor {Path} received Kill.");
            case TimerScheduler.TimerMessage tick:
                if (_extras?.Timers?.Accept(tick) != true)
                {
                    return Dropped();
                }

                _currentMessage = tick.Message;
                _currentSender = null;
                return _actor!.Dispatch(tick.Message);
            case ReceiveTimeoutTick tick:
                if (!ReceiveTimeoutIsCurrent(tick))
                {
                    return Dropped();
                }

                _currentMessage = Actors.ReceiveTimeout.Instance;
                return _actor!.Dispatch(Actors.ReceiveTimeout.Instance);
            default:
                return _actor!.Dispatch(message);
        }
    }

    private Task? Dropped()
    {
        _currentMessage = null;
        return null;
    }

    /// <summary>
    /// Ends a message's processing. <paramref name="delivered"/> is what the actor received (a timer's payload, not the
    /// timer's tick), <see langword="null"/> if it received nothing: only a message it received, and that does not
    /// implement <see cref="INotInfluenceReceiveTimeout"/>, re-arms the receive timeout.
    /// </summary>
    private void EndMessage(object? delivered)
    {
        ClearCurrent();
        if (_hasReceiveTimeout && delivered is not null and not INotInfluenceReceiveTimeout)
        {
            RestartReceiveTimeout();
        }
    }

    private void ClearCurrent()
    {
        _currentMessage = null;
        _currentSender = null;
    }
}
