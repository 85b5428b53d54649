using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>Background tasks and the session lock they take.</summary>
internal sealed partial class StateActor
{
    private const string LockTimer = "lock-held";

    /// <summary>
    /// Starts a background task as a child; the session goes on with its next event at once. The arguments are bound
    /// here, before the task exists, so that a payload that does not fit is refused as for any handler; the task gets
    /// them already converted.
    /// </summary>
    private Exception? StartBackground(StateEvent @event, int index, StateHandler handler)
    {
        if (_runtime.IsClosed)
        {
            return new InvalidOperationException($"Background task {@event.Handler} was not started: the app is shutting down.");
        }

        try
        {
            @event = StateEventBinder.Bind(@event.Handler, handler, @event);
        }
        catch (Exception ex)
        {
            return ex;   // reported as for any handler: a StateEventBindingException as a refusal, anything else as a failure
        }

        var info = new BackgroundTaskInfo(_runtime.NextTaskId(), _token, @event.Handler, _runtime.Time.GetUtcNow());
        var start = new BackgroundStart(info, @event, index, _state.TypeAt(index), handler, _state[index].ToJson(StateVarSelection.All), _runtime);
        _runtime.BackgroundTasks.Add(info);
        var child = Context.ActorOf(Props.Create(() => new BackgroundTaskActor(start)), "bg-" + info.Id);
        Context.Watch(child);
        (_background ??= []).Add(child, start);
        return null;
    }

    private void GrantLock(LockWork work)
    {
        if (_background is null || !_background.ContainsKey(work.Request.Task))
        {
            _current = null;   // the task ended before its turn came
            work.ReplyTo.Tell(new Status.Failure(new InvalidOperationException("The background task ended before its lock request was served.")));
            return;
        }

        work.ReplyTo.Tell(new LockGranted(work.Request.LockId, _state[work.Request.StateIndex].ToJson(StateVarSelection.All)));
        work.GrantedAt = _runtime.Time.GetTimestamp();
        Timers.StartSingleTimer(LockTimer, new LockHeldTooLong(work.Request.LockId), _runtime.Options.LockWarningAfter);
    }

    private void OnReleaseLock(ReleaseLock release)
    {
        if (_current is LockWork held && held.Request.LockId == release.LockId)
        {
            Timers.Cancel(LockTimer);
            var error = release.Changes is { } changes ? ApplyLockChanges(held, changes) : null;
            Finish(held, null, error);
            return;
        }

        // Abandoned before it was granted (the task's wait was cancelled): drop the request.
        RemoveLockRequests(w => w.Request.LockId == release.LockId);
    }

    /// <summary>Applies and publishes what a lock's holder changed before a yield inside its block; the lock stays held.</summary>
    private void OnFlushLock(FlushLock flush)
    {
        if (_current is not LockWork held || held.Request.LockId != flush.LockId)
        {
            return;
        }

        if (ApplyLockChanges(held, flush.Changes) is null)
        {
            PublishDelta();
        }
    }

    /// <summary>Applies the changes a lock's holder sent; the error, reported to the subscribers, if they do not fit the state.</summary>
    private Exception? ApplyLockChanges(LockWork held, string changes)
    {
        try
        {
            _state[held.Request.StateIndex].ApplyChanges(changes);
            return null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            LogWorkFailed(_runtime.Logger, ex, RedactedToken);
            Broadcast(new SessionError(_token, null, $"A background task's changes could not be applied: {ex.Message}"));
            return ex;
        }
    }

    private void OnLockHeldTooLong(LockHeldTooLong message)
    {
        if (_current is LockWork held && held.Request.LockId == message.LockId && _background!.TryGetValue(held.Request.Task, out var task))
        {
            LogLockHeldTooLong(_runtime.Logger, task.Info.Handler, RedactedToken, _runtime.Time.GetElapsedTime(held.GrantedAt), _queues.EventCount);
        }
    }

    /// <summary>
    /// A task's body has ended: what it sent before (its lock's changes) has been applied and sent, so it is taken off
    /// the list of running tasks (shutdown waits for that list to empty); its error goes to the subscribers.
    /// </summary>
    private void OnBackgroundTaskEnded(IActorRef task, BackgroundTaskEnded ended)
    {
        if (_background is null || !_background.TryGetValue(task, out var start))
        {
            return;
        }

        _runtime.BackgroundTasks.Remove(start.Info);
        if (ended.Error is null)
        {
            return;
        }

        LogBackgroundTaskFailed(_runtime.Logger, ended.Error, start.Info.Handler, RedactedToken);
        var message = ended.Error is ImmutableStateException || _runtime.Options.DetailedErrors
            ? ended.Error.Message
            : $"Background task {start.Info.Handler} failed on the server; its log has the details.";
        Broadcast(new SessionError(_token, start.Info.Handler, message));
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_background is not null && _background.Remove(actor))
        {
            if (_current is LockWork held && ReferenceEquals(held.Request.Task, actor))
            {
                Timers.Cancel(LockTimer);
                Finish(held, null, null);   // the task stopped while holding the lock: release it without changes
            }

            RemoveLockRequests(w => ReferenceEquals(w.Request.Task, actor));
            return;
        }

        RemoveSubscriber(actor);
    }

    /// <summary>Cancels background task <paramref name="taskId"/>, or every one when it is 0.</summary>
    private void CancelBackground(long taskId, bool onlyCancelOnDisconnect = false)
    {
        if (_background is null)
        {
            return;
        }

        foreach (var (actor, task) in _background)
        {
            if ((taskId == 0 || task.Info.Id == taskId) && (!onlyCancelOnDisconnect || task.Handler.CancelOnDisconnect))
            {
                actor.Tell(BackgroundTaskActor.Cancel.Instance);
            }
        }
    }

    private void RemoveLockRequests(Func<LockWork, bool> match)
    {
        if (!_queues.Priority.Any(w => w is LockWork l && match(l)))
        {
            return;
        }

        foreach (var dropped in _queues.Priority.OfType<LockWork>().Where(match))
        {
            dropped.ReplyTo.Tell(new Status.Failure(new InvalidOperationException("The lock request was dropped: its task ended or gave up waiting.")));
        }

        _queues.RemovePriority(w => w is LockWork l && match(l));
    }
}
