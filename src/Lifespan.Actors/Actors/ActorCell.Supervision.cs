namespace Lifespan.Actors;

/// <summary>Failing, and deciding for failed children.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Whether this actor failed and waits for its supervisor's decision.</summary>
    private bool IsFailed => _extras?.Failure is not null;

    /// <summary>
    /// This actor failed: hold its user messages and ask the parent what to do. The failing message is dropped. An actor
    /// already waiting for a decision reports nothing more (as Akka): one decision, one restart.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_extras?.PendingAsync is null)
        {
            ClearCurrent();   // an async handler still running (this is an escalation) keeps its Sender
        }

        if (_state >= StateTerminating)
        {
            KernelLog.FailedWhileStopping(Log, Path, cause);
            return;
        }

        if (IsFailed)
        {
            KernelLog.FailedWhileFailed(Log, Path, cause);
            return;
        }

        Mailbox.Suspend(Mailbox.Suspension.AwaitingSupervisor);
        Extras.Failure = cause;
        Extras.FailedMessage = message;
        HoldOrReleaseChildren();
        if (ParentRef is null)
        {
            KernelLog.ActorFailed(Log, Path, Directive.Stop, cause);
            HandleTerminate();
            return;
        }

        ParentRef.SendSystemMessage(new Failed(SelfRef, cause));
    }

    private void HandleFailed(Failed failed)
    {
        if (failed.Child is not LocalActorRef { Cell: var child } || !IsChild(child))
        {
            return;
        }

        if (_state >= StateTerminating)
        {
            return;   // the child is being stopped with us
        }

        var strategy = _actor?.SupervisorStrategyInternal() ?? Props.SupervisorStrategy ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decide(failed.Cause);
        }
        catch (Exception ex)
        {
            KernelLog.DeciderFailed(Log, Path, ex);
            directive = Directive.Escalate;
        }

        if (directive == Directive.Restart && !strategy.RequestRestartPermission(this, child, System.Options.TimeProvider))
        {
            directive = Directive.Stop;
        }

        KernelLog.ActorFailed(Log, child.Path, directive, failed.Cause);
        switch (directive)
        {
            case Directive.Resume:
                child.SelfRef.SendSystemMessage(new Resume(causedByFailure: true));
                break;
            case Directive.Restart:
                foreach (var restarted in strategy.AppliesTo(this, child))
                {
                    restarted.SelfRef.SendSystemMessage(new Recreate(failed.Cause));
                }

                break;
            case Directive.Stop:
                foreach (var stopped in strategy.AppliesTo(this, child))
                {
                    Stop(stopped.SelfRef);
                }

                break;
            default:
                (Extras.EscalatedChildren ??= []).Add(child.SelfRef);
                HandleInvokeFailure(failed.Cause, message: null);
                break;
        }
    }

    private void HandleResume(bool causedByFailure)
    {
        if (!causedByFailure)
        {
            HandleAncestorResumed();
            return;
        }

        if (_state >= StateTerminating)
        {
            return;
        }

        if (_actor is null && _extras?.Failure is { } cause)
        {
            HandleRecreate(cause);   // its creation failed: there is nothing to resume, so it is created (as in Akka)
            return;
        }

        Mailbox.Resume(Mailbox.Suspension.AwaitingSupervisor);
        _extras?.Failure = null;
        _extras?.FailedMessage = null;
        foreach (var child in TakeEscalatedChildren())
        {
            child.SendSystemMessage(new Resume(causedByFailure: true));
        }

        HoldOrReleaseChildren();
    }

    /// <summary>The children whose failures this actor escalated: its own resume or restart decides for them too.</summary>
    private InternalActorRef[] TakeEscalatedChildren()
    {
        if (_extras?.EscalatedChildren is not { Count: > 0 } escalated)
        {
            return [];
        }

        InternalActorRef[] taken = [.. escalated];
        escalated.Clear();
        return taken;
    }

    /// <summary>
    /// After this actor's restart, the children whose failures it escalated and that its <c>PreRestart</c> kept are
    /// restarted, as Akka's FinishRecreate restarts the survivors, instead of waiting forever for a decision. A survivor
    /// that had not failed goes on with its state: a parent may keep its children across its restarts on purpose.
    /// </summary>
    private void RestartSurvivors(InternalActorRef[] escalated, Exception cause)
    {
        foreach (var child in escalated)
        {
            if (child is LocalActorRef { Cell: var cell } && IsChild(cell))
            {
                child.SendSystemMessage(new Recreate(cause));
            }
        }
    }
}
