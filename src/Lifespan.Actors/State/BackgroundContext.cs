
namespace Lifespan.Actors.State;

/// <summary>What a background task's copy of the state needs to take the session's lock.</summary>
internal sealed class BackgroundContext(IActorRef session, IActorRef self, int stateIndex, CancellationToken sessionStopped = default)
{
    /// <summary>The session's <see cref="StateActor"/>.</summary>
    public IActorRef Session { get; } = session;

    /// <summary>The task's <see cref="BackgroundTaskActor"/>.</summary>
    public IActorRef Self { get; } = self;

    /// <summary>Which of the session's states the task belongs to.</summary>
    public int StateIndex { get; } = stateIndex;

    /// <summary>Cancelled when the task's actor stops with its session: the lock can no longer be had.</summary>
    public CancellationToken SessionStopped { get; } = sessionStopped;

    /// <summary>Concurrent flows of one task take turns holding the lock.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>The lock being held, if any; only its flow may write.</summary>
    public volatile StateLock? Holder;

    /// <summary>
    /// Set while the task's stream is asked for its next item and until its driver has seen how the request went
    /// (see <see cref="BackgroundStream"/>); a granted lock is handed to its flow only once this completes.
    /// </summary>
    public volatile TaskCompletionSource? Step;
}
