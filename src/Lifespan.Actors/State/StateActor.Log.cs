using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.State;

/// <summary>What a session logs.</summary>
internal sealed partial class StateActor
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Event {Handler} of session {Token} failed; changes it made before failing are kept")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, string token, string handler);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Event {Handler} of session {Token} was refused: {Reason}")]
    private static partial void LogEventRefused(ILogger logger, string token, string handler, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Background task {Handler} of session {Token} failed")]
    private static partial void LogBackgroundTaskFailed(ILogger logger, Exception error, string handler, string token);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Background task {Handler} of session {Token} has held the session's lock for {Elapsed}; {Waiting} events are waiting. Await slow work outside the 'await using (await LockAsync())' block")]
    private static partial void LogLockHeldTooLong(ILogger logger, string handler, string token, TimeSpan elapsed, int waiting);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "Session {Token} could not be restored from the state store; its events are refused until a load succeeds")]
    private static partial void LogRestoreFailed(ILogger logger, Exception error, string token);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Session {Token} could not finish a piece of work; it goes on with the next")]
    private static partial void LogWorkFailed(ILogger logger, Exception error, string token);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Session {Token} could not be saved to the state store; it stays in memory")]
    private static partial void LogSaveFailed(ILogger logger, Exception error, string token);
}
