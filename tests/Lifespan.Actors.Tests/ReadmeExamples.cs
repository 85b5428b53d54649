using Lifespan.Actors.State;
using Microsoft.Extensions.Logging;

// The README's tour, as it is written there: ReadmeTests runs it. Outside the Lifespan namespaces, so that State
// names the base class, as in an app.
namespace ReadmeExamples;

/// <summary>The tour's state class: a counter that counts in a background task while Running.</summary>
public partial class CounterState : State
{
    public partial int Count { get; set; }              // public: a state var, sent to clients as "count"
    public partial bool Running { get; set; }

    public StateEvent? Start()
    {
        Running = true;
        return Events.CountUp();                          // starts the background task
    }

    public void Stop() => Running = false;

    [BackgroundTask]
    public async Task CountUp(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using (await LockAsync(cancellationToken))   // Reflex's `async with self`
            {
                if (!Running) return;
                Count++;                                  // writes only inside the lock
            }

            await Task.Delay(500, cancellationToken);     // wait outside it
        }
    }
}

/// <summary>The app's own type, which the tour's resource fills.</summary>
public sealed class ModelCache : Dictionary<string, Func<double, double>>;

/// <summary>The tour's lifespan tasks, which the README writes as local functions of its top-level program.</summary>
public sealed class Program
{
    private Program()
    {
    }

#pragma warning disable CA1848, CA1873 // the README logs as an app's first lines would, without LoggerMessage delegates
    // Long-running: started before the app takes traffic, not awaited; cancelled at shutdown.
    public static async Task PollUpdates(int foo, string bar, ILogger<Program> log, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                log.LogInformation("polling with {Foo} and {Bar}", foo, bar);   // poll, push
                await Task.Delay(TimeSpan.FromSeconds(5), stopping);
            }
        }
        catch (OperationCanceledException)
        {
            log.LogInformation("poller stopped");          // Python's CancelledError
        }
    }

#pragma warning restore CA1848, CA1873

    // Setup/teardown resource: code before the yield is setup, after it teardown. The yielded value is
    // lifespan state: inject LifespanState<ModelCache> to read it while the app runs.
    public static async IAsyncEnumerable<ModelCache> SetupModel(ModelCache models)
    {
        await Task.Yield();                               // a setup may await: load, connect, warm up
        models["answer"] = x => x * 42;
        yield return models;
        models.Clear();
    }

    // A task that talks to an actor takes its IActorRef as an argument; a test passes a probe.
    public static async Task Heartbeat(IActorRef listener, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                listener.Tell("beat");
                await Task.Delay(TimeSpan.FromSeconds(1), stopping);
            }
        }
        finally
        {
            listener.Tell("stopped");
        }
    }
}
