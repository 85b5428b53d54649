using System.Collections.Immutable;

namespace Lifespan.Actors.Lifespan;

/// <summary>The startup: every task in registration order, or, when it ends early, what started undone.</summary>
internal sealed partial class LifespanSequence
{
    /// <summary>
    /// Starts the tasks in registration order and replies <see cref="AllStarted"/>. A setup that fails ends the
    /// start: what started is undone and the reply is <see cref="StartFailed"/>. So does a stop of the app (the
    /// stopping token), but as an orderly stop, <see cref="StartStopped"/>: no further task starts, and neither the
    /// stop nor a setup it cancelled is a failure — unless the stop came from a task whose failure policy is
    /// <see cref="LifespanFailurePolicy.StopApplication"/>, whose failure it then reports.
    /// </summary>
    public async Task<object> StartAllAsync(StartAll start)
    {
        var deadline = Deadline(start.Timeout);
        for (var i = 0; ; i++)
        {
            if (_runtime.Stopping.IsCancellationRequested)
            {
                return await EndStartAsync(_tasks[..i], start, failed: null).ConfigureAwait(false);   // after the last setup too
            }

            if (i == _tasks.Length)
            {
                return new AllStarted();
            }

            var task = _tasks[i];
            if (await StartTaskAsync(task, deadline, start).ConfigureAwait(false) is { } error)
            {
                // The failed task is undone too: a setup that finishes late is torn down at once.
                return await EndStartAsync(_tasks[..(i + 1)], start, new StartFailed(task, error)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts <paramref name="task"/>: <see langword="null"/> when it started, else why it did not.</summary>
    private async Task<Exception?> StartTaskAsync(LifespanTask task, DateTimeOffset deadline, StartAll start)
    {
        try
        {
            var reply = ActorFor(task).Ask<object>(new StartTask(), Remaining(deadline));
            return await AwaitStartAsync(task, reply, start.StopTimeout).ConfigureAwait(false) is TaskStartFailed failed ? failed.Error : null;
        }
        catch (AskTimeoutException)
        {
            return new TimeoutException($"The setup of lifespan task '{task.Name}' did not finish within lifespan.tasks.startup-timeout ({start.Timeout}).");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Awaits a task's start. A stop of the app reaches a setup through its token; from then on the setup has
    /// <paramref name="grace"/> (the <c>service-stop</c> phase's timeout, as a cancelled long-running task has) to
    /// end. One still running then is given up, and torn down when it finishes.
    /// </summary>
    private async Task<object> AwaitStartAsync(LifespanTask task, Task<object> reply, TimeSpan grace)
    {
        try
        {
            return await reply.WaitAsync(_runtime.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!reply.IsCompleted)
        {
            try
            {
                return await reply.WaitAsync(grace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogSetupGivenUp(_runtime.Logger, task.Name, grace);
                return new TaskStartFailed(new OperationCanceledException($"The setup of lifespan task '{task.Name}' did not end within {grace} of the app's stop."));
            }
        }
    }

    /// <summary>Undoes what started, newest first, each step bounded by its shutdown phase's timeout; returns the reply that says why the start ended.</summary>
    private async Task<object> EndStartAsync(ImmutableArray<LifespanTask> started, StartAll start, StartFailed? failed)
    {
        var reply = WhyStartEnded(started, failed);
        await StopLongRunningAsync(started, Deadline(start.StopTimeout)).ConfigureAwait(false);
        await TearDownAsync(started, Deadline(start.TearDownTimeout)).ConfigureAwait(false);
        return reply;
    }

    private object WhyStartEnded(ImmutableArray<LifespanTask> started, StartFailed? failed)
    {
        if (!_runtime.Stopping.IsCancellationRequested)
        {
            return failed!;
        }

        if (started.FirstOrDefault(t => t.Shape == LifespanTaskShape.LongRunning && t.Options.OnFailure == LifespanFailurePolicy.StopApplication && t.Status == LifespanTaskStatus.Faulted) is { Exception: { } error } culprit)
        {
            return new StartFailed(culprit, error);   // a failure stopped the app: the start failed
        }

        // Once the app is stopping, a setup that was cancelled, gave up, or ran out of time is not why the start ended.
        return failed is null or { Error: OperationCanceledException or TimeoutException } ? new StartStopped(started.Length) : failed;
    }
}
