using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Lifespan;

/// <summary>What the lifespan guardian logs.</summary>
internal sealed partial class LifespanGuardian
{
    [LoggerMessage(12, LogLevel.Warning, "Lifespan task {Task} did not finish tearing down within the {Timeout} it was given; it is abandoned and the next teardown starts")]
    private static partial void LogTearDownAbandoned(ILogger logger, string task, TimeSpan timeout);
}
