using Microsoft.Extensions.Logging;

namespace Lifespan.Actors;

/// <summary>The kernel's log messages, source-generated.</summary>
internal static partial class KernelLog
{
    [LoggerMessage(1, LogLevel.Error, "Actor {Path} failed; its supervisor chose {Directive}")]
    public static partial void ActorFailed(ILogger logger, ActorPath path, Directive directive, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Actor {Path} threw in {Hook}; going on")]
    public static partial void HookFailed(ILogger logger, ActorPath path, string hook, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Actor {Path} failed while stopping; the failure is ignored")]
    public static partial void FailedWhileStopping(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "The supervisor strategy of {Path} threw; escalating")]
    public static partial void DeciderFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Actor {Path} is stopping but its async handler ignored cancellation for {Timeout}; stopping without waiting for it")]
    public static partial void HandlerIgnoredCancellation(ILogger logger, ActorPath path, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Information, "Dead letter: {MessageType} to {Recipient} from {Sender} was not delivered ({Count} of the first {Limit} logged)")]
    public static partial void DeadLetter(ILogger logger, string messageType, ActorPath recipient, ActorPath sender, long count, int limit);

    [LoggerMessage(7, LogLevel.Information, "{Suppressed} more dead letters were not logged ({Total} in all); at most one such line every {Interval}")]
    public static partial void DeadLettersSuppressed(ILogger logger, long suppressed, long total, TimeSpan interval);

    [LoggerMessage(8, LogLevel.Warning, "Unhandled message {MessageType} at {Recipient} from {Sender}")]
    public static partial void Unhandled(ILogger logger, string messageType, ActorPath recipient, ActorPath sender);

    [LoggerMessage(9, LogLevel.Error, "Actor {Path} failed to process system message {MessageType}")]
    public static partial void SystemMessageFailed(ILogger logger, ActorPath path, string messageType, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Actor system {Name} did not terminate within {Timeout}")]
    public static partial void TerminateTimedOut(ILogger logger, string name, TimeSpan timeout);

    [LoggerMessage(11, LogLevel.Error, "The callback of function reference {Path} threw on {MessageType}")]
    public static partial void FunctionRefFailed(ILogger logger, ActorPath path, string messageType, Exception exception);

    [LoggerMessage(12, LogLevel.Warning, "Actor {Path} failed again while it waits for its supervisor's decision; the decision on its first failure covers this one")]
    public static partial void FailedWhileFailed(ILogger logger, ActorPath path, Exception exception);
}
