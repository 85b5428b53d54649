using Lifespan.Actors.Configuration;

namespace Demo.Host;

/// <summary>The seed examples: Reflex's <c>long_running_task</c> and <c>setup_model</c>, FastAPI's model lifespan.</summary>
internal static partial class SeedTasks
{
    /// <summary>Reflex's <c>long_running_task(foo, bar)</c>: polls until the app stops.</summary>
    public static async Task LongRunningTask(int foo, string bar, PollLog ticks, IConfiguration configuration, ILogger<PollLog> log, CancellationToken stopping)
    {
        LogStarting(log, foo, bar);
        var interval = configuration.GetDuration("demo:poll-interval", TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                ticks.Add($"polled for updates with foo={foo}, pushed to {bar}");
                await Task.Delay(interval, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            LogStopped(log);   // the seed's CancelledError: clean up here
        }
    }

    /// <summary>The seed's <c>setup_model</c>: code before the yield loads the model, code after it unloads it.</summary>
    public static async IAsyncEnumerable<ModelCache> SetupModel(ModelCache mlModels, ILogger<ModelCache> log)
    {
        mlModels["answer_to_everything"] = FakeAnswerToEverythingMlModel;
        LogModelLoaded(log);
        await Task.Yield();
        yield return mlModels;
        mlModels.Clear();
        LogModelUnloaded(log);
    }

    /// <summary>
    /// A setup that fails when <c>demo.fail-setup</c> is true, to show a refused start, and stops the app when
    /// <c>demo.stop-during-setup</c> is true, to show an orderly stop during startup.
    /// </summary>
    public static async IAsyncEnumerable<string> CheckConfiguration(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<PollLog> log)
    {
        await Task.Yield();
        if (configuration.GetValue("demo:fail-setup", false))
        {
            throw new InvalidOperationException("demo.fail-setup is true, so this setup fails on purpose.");
        }

        if (configuration.GetValue("demo:stop-during-setup", false))
        {
            lifetime.StopApplication();   // e.g. a check-only run: what started is stopped again, and the app exits 0
        }

        yield return "configuration checked";
        LogConfigurationReleased(log);
    }

    private static double FakeAnswerToEverythingMlModel(double x) => x * 42;

    [LoggerMessage(1, LogLevel.Information, "Starting {Foo} {Bar} task")]
    private static partial void LogStarting(ILogger logger, int foo, string bar);

    [LoggerMessage(2, LogLevel.Information, "Task was stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Model loaded")]
    private static partial void LogModelLoaded(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Model unloaded")]
    private static partial void LogModelUnloaded(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Configuration check released")]
    private static partial void LogConfigurationReleased(ILogger logger);
}

/// <summary>The seed's <c>ml_models</c> dictionary.</summary>
internal sealed class ModelCache : Dictionary<string, Func<double, double>>;

/// <summary>The poller's recent ticks, for the status page.</summary>
internal sealed class PollLog
{
    private readonly Queue<string> _recent = new();

    public void Add(string tick)
    {
        lock (_recent)
        {
            _recent.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss} {tick}");
            while (_recent.Count > 20)
            {
                _recent.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Recent()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }
}
