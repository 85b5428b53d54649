namespace Lifespan.Actors;

/// <summary>Request-reply, forwarding and graceful stop on any <see cref="IActorRef"/>.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and returns the first reply as <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is neither positive nor <see cref="Timeout.InfiniteTimeSpan"/> (wait until the reply or <paramref name="cancellationToken"/>).</exception>
    /// <exception cref="AskTimeoutException">(from the task) No reply within <paramref name="timeout"/>; names the target and the message type.</exception>
    /// <exception cref="InvalidCastException">(from the task) The reply is not a <typeparamref name="T"/>.</exception>
    /// <exception cref="AskTargetTerminatedException">(from the task) The target had stopped.</exception>
    /// <remarks>A <see cref="Status.Failure"/> reply faults the task with its <see cref="Status.Failure.Cause"/>, unless <typeparamref name="T"/> is <see cref="Status.Failure"/>.</remarks>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                $"The timeout of an Ask to {target.Path} must be positive, or Timeout.InfiniteTimeSpan with a cancellation token (it was {timeout}).");
        }

        return AskCore<T>(target, message, timeout, cancellationToken);
    }

    private static async Task<T> AskCore<T>(IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var promise = new PromiseActorRef(target, message);
        target.Tell(message, promise);
        object reply;
        try
        {
            reply = await promise.Reply.WaitAsync(timeout, TimeProviderOf(target), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AskTimeoutException($"Ask to {target.Path} with {message.GetType().Name} got no reply within {timeout}.");
        }

        return reply switch
        {
            Status.Failure failure when typeof(T) != typeof(Status.Failure) => throw failure.Cause,
            T typed => typed,
            _ => throw new InvalidCastException(
                $"Ask to {target.Path} with {message.GetType().Name} expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}: {reply}."),
        };
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> keeping the original sender of the message
    /// being processed (inside an actor), so that the target replies to it directly.
    /// </summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current?.Sender ?? ActorRefs.NoSender);
    }

    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and waits for the actor to terminate.
    /// </summary>
    /// <returns><see langword="true"/> if it terminated within <paramref name="timeout"/>; <see langword="false"/> otherwise.</returns>
    public static Task<bool> GracefulStopAsync(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"The timeout of a graceful stop of {target.Path} must be positive.");
        }

        if (target is not LocalActorRef local)
        {
            throw new NotSupportedException($"Cannot stop {target.Path} gracefully: it is not an actor of this kernel.");
        }

        return GracefulStopCore(local, timeout, stopMessage ?? PoisonPill.Instance);
    }

    private static async Task<bool> GracefulStopCore(LocalActorRef target, TimeSpan timeout, object stopMessage)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = target.Cell.System.CreateFunctionRef((m, _) => { if (m is Terminated) { stopped.TrySetResult(); } });
        watcher.Watch(target);
        target.Tell(stopMessage, ActorRefs.NoSender);
        try
        {
            await stopped.Task.WaitAsync(timeout, target.Cell.System.Options.TimeProvider).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            watcher.Stop();
        }
    }

    private static TimeProvider TimeProviderOf(IActorRef target) =>
        target is LocalActorRef local ? local.Cell.System.Options.TimeProvider : TimeProvider.System;
}
