using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>Restoring, passivating and subscribers.</summary>
internal sealed partial class StateActor
{
    private void BeginRestore()
    {
        ValueTask<string?> load;
        try
        {
            load = _runtime.Store.LoadAsync(_entry.Id, Stopping);
        }
        catch (Exception ex)
        {
            OnRestored(new Restored(null, ex));
            return;
        }

        if (load.IsCompletedSuccessfully)
        {
            OnRestored(new Restored(load.Result, null));
            return;
        }

        _restoring = true;
        load.AsTask().WaitAsync(_runtime.Options.RequestTimeout).PipeOutcomeTo(Self, t => new Restored(t.IsCompletedSuccessfully ? t.Result : null, TaskPipe.ErrorOf(t)));
    }

    private void OnRestored(Restored restored)
    {
        _restoring = false;
        var error = restored.Error;
        if (error is null && restored.Json is not null)
        {
            try
            {
                _state.Restore(restored.Json);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                error = ex;
            }
        }

        if (error is null)
        {
            return;
        }

        // Never go on with (and later save over) fresh state: refuse what waits; the next event tries the load again.
        LogRestoreFailed(_runtime.Logger, error, RedactedToken);
        _loadError = error;
        RefuseAllWork();
    }

    private void RefuseAllWork()
    {
        var refusal = new EventRefusedException($"The session's saved state could not be loaded ({_loadError!.Message}); try again.", _loadError);
        while (_queues.Dequeue() is { } work)
        {
            Fail(work, refusal);
        }
    }

    /// <summary>Retries a failed load before new work runs; while it keeps failing, the work is refused.</summary>
    private bool RetryLoad()
    {
        if (_loadError is null)
        {
            return true;
        }

        if (IsIdle)
        {
            return false;
        }

        _loadError = null;
        BeginRestore();
        return !_restoring && _loadError is null;
    }

    /// <summary>The registry found the session idle: save it and stop, unless it is busy, watched or running background tasks.</summary>
    private void OnPassivate()
    {
        if (_loadError is not null && IsIdle)
        {
            Context.Stop(Self);   // nothing was loaded, so there is nothing to save
            return;
        }

        if (!IsIdle || _restoring || _passivating || _subscribers.Count > 0 || _background is { Count: > 0 })
        {
            Sender.Tell(new PassivateDeclined(_token));
            return;
        }

        _passivating = true;
        Task save;
        try
        {
            save = _runtime.Store.SaveAsync(_entry.Id, _state.ToStoreJson(), CancellationToken.None).AsTask().WaitAsync(_runtime.Options.RequestTimeout);
        }
        catch (Exception ex)
        {
            OnSaved(new Saved(ex));
            return;
        }

        save.PipeOutcomeTo(Self, t => new Saved(TaskPipe.ErrorOf(t)));
    }

    private void OnSaved(Saved saved)
    {
        if (saved.Error is null && IsIdle && _background is not { Count: > 0 })
        {
            Context.Stop(Self);
            return;
        }

        if (saved.Error is not null)
        {
            LogSaveFailed(_runtime.Logger, saved.Error, RedactedToken);
        }

        _passivating = false;
        Context.Parent.Tell(new PassivateDeclined(_token));
        Pump();
    }

    private void AddSubscriber(SubscribeWork work)
    {
        if (!_subscribers.Contains(work.Subscriber))
        {
            Context.Watch(work.Subscriber);
            _subscribers.Add(work.Subscriber);
            _entry.Subscribers = _subscribers.ToArray();
        }

        work.ReplyTo.Tell(new Subscribed(_token, _state.ToClientJson()));
        _current = null;
    }

    private void RemoveSubscriber(IActorRef subscriber)
    {
        if (!_subscribers.Remove(subscriber))
        {
            return;
        }

        Context.Unwatch(subscriber);
        _entry.Subscribers = _subscribers.ToArray();
        if (_subscribers.Count == 0)
        {
            CancelBackground(0, onlyCancelOnDisconnect: true);
        }
    }
}
