namespace Lifespan.Actors;

/// <summary>
/// Async handlers: while one runs, user messages wait (system messages do not); its completion comes back as a
/// system message, so the rest of the message's processing happens on the mailbox, one thing at a time.
/// </summary>
internal sealed partial class ActorCell
{
    private void BeginAsync(Task pending)
    {
        Mailbox.Suspend(Mailbox.Suspension.AsyncHandler);
        Extras.PendingAsync = pending;
        pending.ContinueWith(
            static (task, state) => ((ActorCell)state!).SelfRef.SendSystemMessage(new AsyncHandlerCompleted(task)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Stops waiting for the running async handler (it completed, or its outcome no longer matters): user messages
    /// flow again and its stop timer, if any, is dropped.
    /// </summary>
    private void ForgetPendingAsync(CellExtras extras)
    {
        extras.PendingAsync = null;
        extras.AsyncStopTimer?.Dispose();
        extras.AsyncStopTimer = null;
        Mailbox.Resume(Mailbox.Suspension.AsyncHandler);
    }

    private void HandleAsyncCompleted(Task task)
    {
        var extras = _extras;
        if (extras is null || !ReferenceEquals(extras.PendingAsync, task))
        {
            return;
        }

        var message = _currentMessage;
        ForgetPendingAsync(extras);

        if (_state >= StateTerminating)
        {
            ClearCurrent();
            TryFinishTerminate();
            return;
        }

        if (task.IsCompletedSuccessfully)
        {
            EndMessage(message);
            return;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, message);
        }
    }
}
