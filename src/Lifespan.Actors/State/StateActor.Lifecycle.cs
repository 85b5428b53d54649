namespace Lifespan.Actors.State;

/// <summary>Restoring, passivating and subscribers.</summary>
internal sealed partial class StateActor
{
    private void BeginRestore()
    {
        ValueTask<string?> load;
        try
        {
            load = _runtime.Store.LoadAsync(_token, Stopping);
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
        var self = Self;
        load.AsTask().ContinueWith(
            static (t, s) => ((IActorRef)s!).Tell(new Restored(t.IsCompletedSuccessfully ? t.Result : null, t.Exception?.InnerException ?? (t.IsCanceled ? new OperationCanceledException() : null))),
            self,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnRestored(Restored restored)
    {
        _restoring = false;
        if (restored.Error is not null)
        {
            LogRestoreFailed(_runtime.Logger, restored.Error, RedactedToken);
            return;
        }

        if (restored.Json is null)
        {
            return;
        }

        try
        {
            _state.Restore(restored.Json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            LogRestoreFailed(_runtime.Logger, ex, RedactedToken);
        }
    }

    /// <summary>The registry found the session idle: save it and stop, unless it is busy, watched or running background tasks.</summary>
    private void OnPassivate()
    {
        if (!IsIdle || _restoring || _passivating || _subscribers.Length > 0 || _background is { Count: > 0 })
        {
            Sender.Tell(new PassivateDeclined(_token));
            return;
        }

        _passivating = true;
        ValueTask save;
        try
        {
            save = _runtime.Store.SaveAsync(_token, _state.ToStoreJson(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            OnSaved(new Saved(ex));
            return;
        }

        var self = Self;
        save.AsTask().ContinueWith(
            static (t, s) => ((IActorRef)s!).Tell(new Saved(t.Exception?.InnerException ?? (t.IsCanceled ? new OperationCanceledException() : null))),
            self,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
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
        if (Array.IndexOf(_subscribers, work.Subscriber) < 0)
        {
            Context.Watch(work.Subscriber);
            Volatile.Write(ref _subscribers, [.. _subscribers, work.Subscriber]);
        }

        work.ReplyTo.Tell(new Subscribed(_token, _state.ToClientJson()));
        _current = null;
    }

    private void RemoveSubscriber(IActorRef subscriber)
    {
        var index = Array.IndexOf(_subscribers, subscriber);
        if (index < 0)
        {
            return;
        }

        Context.Unwatch(subscriber);
        Volatile.Write(ref _subscribers, [.. _subscribers.Where((_, i) => i != index)]);
        if (_subscribers.Length == 0)
        {
            CancelBackground(0, onlyCancelOnDisconnect: true);
        }
    }
}
