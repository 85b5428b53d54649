using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Starts the actor system with the host and terminates it when the host stops; if the actor system
/// terminates on its own, asks the host to stop.
/// </summary>
internal sealed partial class ActorSystemHostedService(ActorSystem system, IHostApplicationLifetime lifetime, ILogger<ActorSystemHostedService> logger)
    : IHostedService
{
    private bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(logger, system.Name);
        _ = system.WhenTerminated.ContinueWith(
            _ =>
            {
                if (!Volatile.Read(ref _stopping))
                {
                    lifetime.StopApplication();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _stopping, true);
        try
        {
            await system.Terminate().WaitAsync(system.Options.TerminateTimeout, cancellationToken).ConfigureAwait(false);
            LogTerminated(logger, system.Name);
        }
        catch (TimeoutException)
        {
            LogTerminateTimedOut(logger, system.Name, system.Options.TerminateTimeout);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Actor system {Name} started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(2, LogLevel.Information, "Actor system {Name} terminated")]
    private static partial void LogTerminated(ILogger logger, string name);

    [LoggerMessage(3, LogLevel.Error, "Actor system {Name} did not terminate within {Timeout}")]
    private static partial void LogTerminateTimedOut(ILogger logger, string name, TimeSpan timeout);
}
