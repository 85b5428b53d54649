
namespace Lifespan.Actors.Lifespan;

/// <summary>Teardown: of a resource that is set up, of a shutdown handler the startup reached, and of a setup that was given up.</summary>
internal sealed partial class LifespanTaskActor
{
    private void TearDown()
    {
        if (_setup is not null && _task.IsResource)
        {
            AbandonSetup();   // the setup is still running: it is torn down when it finishes
            Sender.Tell(Done.Instance);
            return;
        }

        if (_tearDownReplyTo is not null)
        {
            _tearDownReplyTo = Sender;   // a teardown that was abandoned is still running: this asker waits for it, not for a second one
            return;
        }

        _tearDownReplyTo = Sender;
        if (_task.Shape == LifespanTaskShape.ShutdownHandler && _armed)
        {
            _armed = false;   // not again: a failed or stopped start runs it when undone, and the shutdown after asks again
            _task.SetStatus(LifespanTaskStatus.Starting);
            PipeToSelf(Task.Run(() => _task.Body.RunAsync(_runtime, CancellationToken.None)), t => new TearDownEnded(t));
        }
        else if (_task.IsResource && _task.Status == LifespanTaskStatus.Running)
        {
            _runtime.State.Withdraw(_state);
            _state = null;
            PipeToSelf(Task.Run(() => _task.Body.TearDownAsync(CancellationToken.None)), t => new TearDownEnded(t));
        }
        else
        {
            Sender.Tell(Done.Instance);
            _tearDownReplyTo = null;
        }
    }

    private void OnTearDownEnded(TearDownEnded ended)
    {
        if (ended.TearDown.IsCompletedSuccessfully)
        {
            _task.SetStatus(_task.Shape == LifespanTaskShape.ShutdownHandler ? LifespanTaskStatus.Completed : LifespanTaskStatus.TornDown);
            LogTornDown(Log, _task.Name);
        }
        else
        {
            var error = ended.TearDown.Exception?.GetBaseException() ?? new OperationCanceledException();
            _task.SetStatus(LifespanTaskStatus.Faulted, error);
            LogTearDownFailed(Log, _task.Name, error);
        }

        _tearDownReplyTo?.Tell(Done.Instance);
        _tearDownReplyTo = null;
    }

    /// <summary>
    /// Gives up a setup that is still running (its start timed out, or the app is going down): when it finishes it is
    /// torn down at once, without this actor, which may be gone by then.
    /// </summary>
    private void AbandonSetup()
    {
        var (setup, task, log) = (_setup!, _task, Log);
        _abandoned = true;
        _setup = null;
        _ = setup.ContinueWith(
            async finished =>
            {
                if (!finished.IsCompletedSuccessfully)
                {
                    return;   // the setup failed; its failure is reported where it is awaited
                }

                LogSetUp(log, task.Name);
                try
                {
                    await task.Body.TearDownAsync(CancellationToken.None).ConfigureAwait(false);
                    task.SetStatus(LifespanTaskStatus.TornDown);
                    LogTornDown(log, task.Name);
                }
                catch (Exception ex)
                {
                    task.SetStatus(LifespanTaskStatus.Faulted, ex);
                    LogTearDownFailed(log, task.Name, ex);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default).Unwrap();
    }
}
