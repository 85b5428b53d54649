namespace Lifespan.Actors;

/// <summary>Marks the messages the kernel itself interprets before an actor's handlers see them.</summary>
internal interface IAutoReceivedMessage;

/// <summary>
/// Stops the receiving actor once it reaches this message: messages sent before it are processed first,
/// messages after it go to dead letters.
/// </summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill() { }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();
}

/// <summary>
/// Makes the receiving actor fail with <see cref="ActorKilledException"/> when it reaches this message;
/// its supervisor then decides (by default: stop).
/// </summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill() { }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();
}

/// <summary>
/// Delivered once to an actor that watches <paramref name="ActorRef"/> when that actor has stopped.
/// An actor that does not handle it fails with <see cref="DeathPactException"/>.
/// </summary>
/// <param name="ActorRef">The actor that stopped.</param>
public sealed record Terminated(IActorRef ActorRef) : IAutoReceivedMessage;

/// <summary>Sent to an actor that received no message for the time set with <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout() { }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();
}

/// <summary>Messages that do not reset an actor's receive timeout when they arrive.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Replies that report how a request ended; <see cref="ActorRefExtensions.Ask{T}(IActorRef, object, TimeSpan, CancellationToken)"/> understands them.</summary>
public static class Status
{
    /// <summary>The request succeeded.</summary>
    /// <param name="Value">An optional result.</param>
    public sealed record Success(object? Value);

    /// <summary>The request failed; an Ask waiting for this reply throws <paramref name="Cause"/>.</summary>
    /// <param name="Cause">What went wrong.</param>
    public sealed record Failure(Exception Cause);
}

/// <summary>A message that could not be delivered because its recipient had stopped (published on the event stream).</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="Recipient">The stopped recipient.</param>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message an actor had no handler for (published on the event stream).</summary>
/// <param name="Message">The unhandled message.</param>
/// <param name="Sender">Its sender.</param>
/// <param name="Recipient">The actor that did not handle it.</param>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
