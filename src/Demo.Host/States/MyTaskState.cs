using Lifespan.Actors.Configuration;
using Lifespan.Actors.State;

namespace Demo.Host.States;

/// <summary>
/// Reflex's background-task example: a counter that a background task increments under the session's lock, while the
/// page keeps taking events (change the maximum, +1, stop, reset) between the steps.
/// </summary>
internal sealed partial class MyTaskState : State
{
    public MyTaskState() => MaxCounter = 10;

    public partial int Counter { get; set; }

    public partial int MaxCounter { get; set; }

    public partial bool Running { get; set; }

    // A backend var (not public): never sent to the browser. The seed's _n_tasks.
    private partial int NTasks { get; set; }

    [BackgroundTask]
    public async Task MyTask(CancellationToken cancellationToken)
    {
        // The seed's asyncio.sleep(0.5), from demo.counter-step in app.conf.
        var step = Services.GetRequiredService<IConfiguration>().GetDuration("demo:counter-step", TimeSpan.FromSeconds(0.5));

        await using (await LockAsync(cancellationToken))
        {
            // The latest state values are always available inside the lock.
            if (NTasks > 0)
            {
                return;   // only allow 1 concurrent task
            }

            // State mutation is only allowed inside the lock.
            NTasks++;
        }

        try
        {
            while (true)
            {
                await using (await LockAsync(cancellationToken))
                {
                    // Check for stopping conditions inside the lock.
                    if (Counter >= MaxCounter)
                    {
                        Running = false;
                    }

                    if (!Running)
                    {
                        return;
                    }

                    Counter++;
                }

                // Await long operations outside the lock to avoid blocking the UI.
                await Task.Delay(step, cancellationToken);
            }
        }
        finally
        {
            // However the task ends (stopped, cancelled from the actors page or at shutdown, failed), the next one may
            // start: the seed decrements only when stopped, so a cancelled task would block every later one.
            await using (await LockAsync(CancellationToken.None))
            {
                NTasks--;
                Running = false;
            }
        }
    }

    public StateEvent? ToggleRunning()
    {
        Running = !Running;
        return Running ? Events.MyTask() : null;
    }

    public void ClearCounter() => Counter = 0;

    /// <summary>
    /// An ordinary event beside the background task: it adds one to the same counter, between the task's steps (the
    /// session applies it while the task sleeps outside the lock). The task still stops once the counter reaches the
    /// maximum; a click may take the counter past it.
    /// </summary>
    public void Increment() => Counter++;
}
