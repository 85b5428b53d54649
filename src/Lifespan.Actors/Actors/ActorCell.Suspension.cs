namespace Lifespan.Actors;

/// <summary>
/// The children of a failed actor wait with it: while an actor waits for its supervisor's decision (or is being
/// restarted), or an ancestor of it does, its user messages wait, as Akka suspends the children of a failed actor
/// recursively; they go on when it does.
/// </summary>
internal sealed partial class ActorCell
{
    /// <summary>Whether this actor's user messages wait for a failure to be dealt with: its own or an ancestor's.</summary>
    private bool IsHeld => _extras is { } extras && (extras.Failure is not null || extras.AncestorHolds > 0);

    /// <summary>The parent failed, or an ancestor did: hold user messages until it goes on.</summary>
    private void HandleSuspend()
    {
        if (_state >= StateTerminating)
        {
            return;
        }

        Extras.AncestorHolds++;
        Mailbox.Suspend(Mailbox.Suspension.AncestorFailed);
        HoldOrReleaseChildren();
    }

    /// <summary>The failed ancestor goes on (it was resumed or restarted).</summary>
    private void HandleAncestorResumed()
    {
        // A child created while its parent was held was never held itself: it has nothing to undo.
        if (_state >= StateTerminating || _extras is not { AncestorHolds: > 0 } extras)
        {
            return;
        }

        if (--extras.AncestorHolds == 0)
        {
            Mailbox.Resume(Mailbox.Suspension.AncestorFailed);
        }

        HoldOrReleaseChildren();
    }

    /// <summary>Tells the children to wait, or to go on, when this actor has just started or stopped being held.</summary>
    private void HoldOrReleaseChildren()
    {
        var held = IsHeld;
        if (held == (_extras?.ChildrenHeld == true))
        {
            return;
        }

        Extras.ChildrenHeld = held;
        foreach (var child in ChildCells())
        {
            child.SelfRef.SendSystemMessage(held ? new Suspend() : new Resume(causedByFailure: false));
        }
    }
}
