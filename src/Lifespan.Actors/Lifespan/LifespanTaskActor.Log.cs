using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Lifespan;

/// <summary>What a lifespan task actor logs.</summary>
internal sealed partial class LifespanTaskActor
{
    [LoggerMessage(1, LogLevel.Information, "Lifespan task {Task} is set up")]
    private static partial void LogSetUp(ILogger logger, string task);

    [LoggerMessage(2, LogLevel.Error, "Lifespan task {Task} failed during setup")]
    private static partial void LogSetupFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(12, LogLevel.Information, "The setup of lifespan task {Task} was cancelled: the app is stopping")]
    private static partial void LogSetupCancelled(ILogger logger, string task);

    [LoggerMessage(3, LogLevel.Information, "Lifespan task {Task} completed")]
    private static partial void LogCompleted(ILogger logger, string task);

    [LoggerMessage(4, LogLevel.Information, "Lifespan task {Task} was cancelled")]
    private static partial void LogCancelled(ILogger logger, string task);

    [LoggerMessage(5, LogLevel.Error, "Lifespan task {Task} failed")]
    private static partial void LogFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Lifespan task {Task} failed; restarting in {Delay} (restart {Restart} of at most {MaxRestarts})")]
    private static partial void LogRestarting(ILogger logger, string task, TimeSpan delay, int restart, int maxRestarts, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "Lifespan task {Task} failed again after {MaxRestarts} restarts; it stays faulted")]
    private static partial void LogGaveUp(ILogger logger, string task, int maxRestarts, Exception exception);

    [LoggerMessage(8, LogLevel.Critical, "Lifespan task {Task} failed; stopping the application as its failure policy says")]
    private static partial void LogStoppingApplication(ILogger logger, string task, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Lifespan task {Task} is torn down")]
    private static partial void LogTornDown(ILogger logger, string task);

    [LoggerMessage(11, LogLevel.Warning, "A cancellation callback of lifespan task {Task} threw")]
    private static partial void LogCancelCallbackFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Lifespan task {Task} failed during teardown")]
    private static partial void LogTearDownFailed(ILogger logger, string task, Exception exception);
}
