
namespace Lifespan.Actors.Lifespan;

/// <summary>The two shutdown steps: cancelling the long-running tasks, and the teardowns.</summary>
internal sealed partial class LifespanSequence
{
    public async Task StopLongRunningAsync(IEnumerable<LifespanTask> tasks, DateTimeOffset deadline)
    {
        // Cancel newest first, each cancellation taking effect before the next; then await them all together,
        // so that one task ignoring its token does not keep the others from being cancelled.
        var running = tasks.Where(t => t.Shape == LifespanTaskShape.LongRunning).Reverse().ToList();
        try
        {
            foreach (var task in running)
            {
                await ActorFor(task).Ask<CancelRequested>(new CancelTask(), Remaining(deadline)).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // a timeout or a task actor that is gone: the shutdown phase names whatever is still running
        }

        await WhenAllSettled(running.Select(t => ActorFor(t).Ask<Done>(new AwaitTask(), Remaining(deadline))).ToList()).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the shutdown handlers in order, then tears the resources down newest first, one after the other, every
    /// one of them started even when one before it hangs. They share the time to <paramref name="deadline"/> fairly:
    /// each may take an equal share of what is left when it starts (with n teardowns still to run, 1/n of it), so
    /// the time a quick teardown leaves passes on to the ones after it, and a lone teardown has it all. A teardown
    /// that overruns its share is abandoned — it goes on in the background, named in a warning with the time it was
    /// given — and the next one starts.
    /// </summary>
    public async Task TearDownAsync(IEnumerable<LifespanTask> tasks, DateTimeOffset deadline)
    {
        var list = tasks.ToList();
        var order = list.Where(t => t.Shape == LifespanTaskShape.ShutdownHandler)
            .Concat(list.Where(t => t.IsResource && t.Status is LifespanTaskStatus.Running or LifespanTaskStatus.Starting).Reverse())   // set up, or setting up
            .ToList();
        for (var i = 0; i < order.Count; i++)
        {
            var share = Remaining(deadline) / (order.Count - i);
            try
            {
                await ActorFor(order[i]).Ask<Done>(new TearDownTask(), share).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                LogTearDownAbandoned(_runtime.Logger, order[i].Name, share);
            }
            catch (Exception)
            {
                // a task actor that is gone: there is nothing left to wait for
            }
        }
    }

    private static async Task WhenAllSettled(List<Task<Done>> tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // a timeout or a task actor that is gone: the shutdown phase names whatever is still running
        }
    }
}
