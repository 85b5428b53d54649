namespace Lifespan.Actors;

/// <summary>A run of one message on the sending thread, for an idle actor.</summary>
internal sealed partial class Mailbox
{
    // The default context, captured at the start of a mailbox's first work item: the dispatcher queues mailboxes with
    // UnsafeQueueUserWorkItem, so no caller's context flows into them, and the pool starts every work item in the
    // default context. Null until a mailbox has run; until then nothing runs inline.
    private static ExecutionContext? s_poolContext;

    /// <summary>
    /// Processes <paramref name="message"/> on the calling thread, as the mailbox's run, when the actor is idle: no run
    /// under way or scheduled, nothing waiting (so nothing is overtaken), user messages not held back, and the calling
    /// thread free to run an actor (see <see cref="ActorCell.CanRunInlineHere"/>). The run has the context a pool run
    /// has: the caller's <see cref="AsyncLocal{T}"/> values are set aside for it and put back after it. Returns
    /// <see langword="false"/>, having done nothing with the message, otherwise; the caller then posts it.
    /// </summary>
    public bool TryRunInline(object message, InternalActorRef? sender)
    {
        ref var running = ref ActorCell.RunningSlot;
        if (_suspension != 0 || _closed || Volatile.Read(ref _scheduled) != 0 || s_poolContext is not { } poolContext
            || ExecutionContext.Capture() is not { } callerContext
            || !ActorCell.CanRunInlineHere(inDefaultContext: ReferenceEquals(callerContext, poolContext), running)
            || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
        {
            return false;
        }

        if (!ReferenceEquals(Volatile.Read(ref _tail), _head) || HasSystemMessages || _suspension != 0 || _cell.HasUnstashed || !_cell.IsReady)
        {
            // Earlier work waits (or a post is half linked): a pool run takes it, and the caller's message goes behind it.
            Dispatcher.Schedule(this);
            return false;
        }

        try
        {
            if (!ReferenceEquals(callerContext, poolContext))
            {
                ExecutionContext.Restore(poolContext);
            }

            _runs++;
            _cell.RunInline(message, sender, ref running);
        }
        finally
        {
            // Always put the caller's context back: what the run set (an AsyncLocal, a culture, a synchronization
            // context) stays with the run, as a pool thread's work item leaves nothing to the next.
            ExecutionContext.Restore(callerContext);
            if (SynchronizationContext.Current is not null)
            {
                SynchronizationContext.SetSynchronizationContext(null);   // the caller had none (see CanRunInlineHere)
            }

            EndRun();   // a post that came meanwhile found the run under way and left the scheduling to it
        }

        return true;
    }
}
