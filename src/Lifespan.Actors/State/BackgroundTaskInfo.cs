namespace Lifespan.Actors.State;

/// <summary>A running background task, as <see cref="SessionHub.BackgroundTasks"/> lists it.</summary>
public sealed class BackgroundTaskInfo
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal BackgroundTaskInfo(long id, string token, string handler, DateTimeOffset startedAt)
    {
        Id = id;
        SessionToken = token;
        Handler = handler;
        StartedAt = startedAt;
    }

    /// <summary>Identifies the task for <see cref="SessionHub.CancelBackgroundTask"/>.</summary>
    public long Id { get; }

    /// <summary>The session the task runs in.</summary>
    public string SessionToken { get; }

    /// <summary>The handler, <c>StateName.Handler</c>.</summary>
    public string Handler { get; }

    /// <summary>When the task started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the task's body has ended.</summary>
    public Task Ended => _ended.Task;

    internal void MarkEnded() => _ended.TrySetResult();

    /// <inheritdoc />
    public override string ToString() => $"{Handler} #{Id} (session {SessionToken}, started {StartedAt:O})";
}
