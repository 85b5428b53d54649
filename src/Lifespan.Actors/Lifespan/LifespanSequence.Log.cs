using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Lifespan;

/// <summary>What the lifespan's startup and shutdown log.</summary>
internal sealed partial class LifespanSequence
{
    [LoggerMessage(20, LogLevel.Warning, "Lifespan task {Task} did not finish tearing down within the {Timeout} it was given; it is abandoned and the next teardown starts")]
    private static partial void LogTearDownAbandoned(ILogger logger, string task, TimeSpan timeout);

    [LoggerMessage(21, LogLevel.Warning, "The setup of lifespan task {Task} did not end within {Timeout} of the app's stop; it is given up, and torn down when it finishes")]
    private static partial void LogSetupGivenUp(ILogger logger, string task, TimeSpan timeout);
}
