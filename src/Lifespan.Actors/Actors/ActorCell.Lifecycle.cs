namespace Lifespan.Actors;

/// <summary>Start, restart and stop, in Akka's order: children stop first, then <c>PostStop</c>, then parent and watchers hear of it.</summary>
internal sealed partial class ActorCell
{
    private void HandleCreate()
    {
        try
        {
            NewActor();
            _state = StateRunning;
            _actor!.PreStartInternal();
        }
        catch (Exception ex)
        {
            _state = StateRunning;
            HandleInvokeFailure(InitializationFailure(ex, "start"), message: null);
        }
    }

    private ActorInitializationException InitializationFailure(Exception ex, string what) =>
        ex as ActorInitializationException ??
        new ActorInitializationException(Path, $"Actor {Path} failed to {what}: {ex.GetType().Name}: {ex.Message}", ex);

    /// <summary>
    /// Replaces the failed instance. An actor whose creation failed has no instance: it is created as the first time
    /// (constructor and <c>PreStart</c>, no <c>PreRestart</c> or <c>PostRestart</c>), once the children its constructor
    /// made before it threw have stopped, as Akka turns such a restart into a create.
    /// </summary>
    private void HandleRecreate(Exception cause)
    {
        if (_state >= StateTerminating)
        {
            return;
        }

        _state = StateRecreating;
        Mailbox.Suspend(Mailbox.Suspension.AwaitingSupervisor);   // a sibling restarted with a failed child had not failed:
        Extras.Failure ??= cause;                                  // it waits, with its children, as a failed one does
        HoldOrReleaseChildren();
        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.PreRestartInternal(cause, _extras?.FailedMessage);
            }
            catch (Exception ex)
            {
                KernelLog.HookFailed(Log, Path, "PreRestart", ex);
            }
        }
        else
        {
            StopAllChildren();
        }

        _extras?.Timers?.CancelAll();
        CancelReceiveTimeout();
        CancelIncarnation();
        if (_extras is { PendingAsync: not null } extras)
        {
            // An async handler of the failed instance is still running (the failure was escalated from a child):
            // its token is cancelled; the new instance does not wait for it, and its outcome is ignored.
            ForgetPendingAsync(extras);
            ClearCurrent();
        }

        UnstashAllInto(front: true);
        Extras.RecreateCause = cause;
        TryFinishRecreate();
    }

    private void TryFinishRecreate()
    {
        if (_state != StateRecreating)
        {
            return;
        }

        lock (this)
        {
            if (_extras?.StoppingChildren is { Count: > 0 })
            {
                return;
            }
        }

        var cause = _extras!.RecreateCause!;
        var escalated = TakeEscalatedChildren();
        _extras.RecreateCause = null;
        _extras.Failure = null;   // before the new instance runs, so that a failure of its own is reported
        _extras.FailedMessage = null;
        _state = StateRunning;
        System.Metrics.ActorRestarted();
        var creating = _actor is null;   // its creation failed: there is no instance that ran to restart
        try
        {
            NewActor();
            if (creating)
            {
                _actor!.PreStartInternal();
            }
            else
            {
                _actor!.PostRestartInternal(cause);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(InitializationFailure(ex, creating ? "start" : "restart"), message: null);
            return;
        }

        Mailbox.Resume(Mailbox.Suspension.AwaitingSupervisor);
        RestartSurvivors(escalated, cause);
        HoldOrReleaseChildren();
    }

    private void HandleTerminate()
    {
        if (_state >= StateTerminating)
        {
            return;
        }

        _state = StateTerminating;
        Mailbox.Suspend(Mailbox.Suspension.Stopping);
        _extras?.Timers?.CancelAll();
        CancelReceiveTimeout();
        CancelIncarnation();
        StopAllChildren();

        if (_extras?.PendingAsync is { } pending)
        {
            _extras.AsyncStopTimer = System.Options.TimeProvider.CreateTimer(
                static s => { var (cell, task) = ((ActorCell, Task))s!; cell.SelfRef.SendSystemMessage(new AsyncHandlerStopTimedOut(task)); },
                (this, pending),
                System.Options.HandlerStopTimeout,
                Timeout.InfiniteTimeSpan);
        }

        TryFinishTerminate();
    }

    private void HandleAsyncStopTimedOut(Task task)
    {
        if (_extras is null || !ReferenceEquals(_extras.PendingAsync, task))
        {
            return;
        }

        KernelLog.HandlerIgnoredCancellation(Log, Path, System.Options.HandlerStopTimeout);
        ForgetPendingAsync(_extras);
        ClearCurrent();
        TryFinishTerminate();
    }

    private void TryFinishTerminate()
    {
        if (_state != StateTerminating || ChildCount > 0 || _extras?.PendingAsync is not null)
        {
            return;
        }

        FinishTerminate();
    }

    private void FinishTerminate()
    {
        _state = StateTerminated;
        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.PostStopInternal();
            }
            catch (Exception ex)
            {
                KernelLog.HookFailed(Log, Path, "PostStop", ex);
            }
        }

        UnstashAllInto(front: false);
        if (_extras?.Unstashed is { Count: > 0 } unstashed)
        {
            foreach (var e in unstashed)
            {
                System.DeadLetterSink.Publish(e.Message, e.Sender, SelfRef);
            }

            unstashed.Clear();
            UnstashedChanged();
        }

        Mailbox.Close();
        ParentRef?.SendSystemMessage(new DeathWatchNotification(SelfRef));
        NotifyWatchersAndUnwatch();

        _actor = null;
        ClearCurrent();
        System.Metrics.ActorStopped();
        if (ParentRef is null)
        {
            System.OnRootTerminated();
        }
    }
}
