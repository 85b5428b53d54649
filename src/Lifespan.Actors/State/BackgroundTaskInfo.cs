using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>A running background task, as <see cref="SessionHub.BackgroundTasks"/> lists it.</summary>
public sealed class BackgroundTaskInfo
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _bodyEnded;
    private int _sessionStopped;

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

    /// <summary>Completes when the task's body has ended and its session has applied and sent what it changed.</summary>
    public Task Ended => _ended.Task;

    internal void MarkEnded() => _ended.TrySetResult();

    /// <summary>The body has ended. Returns whether the session has stopped, and so will not take the task off the list.</summary>
    internal bool BodyEnded()
    {
        Interlocked.Exchange(ref _bodyEnded, 1);
        return Volatile.Read(ref _sessionStopped) == 1;
    }

    /// <summary>The session has stopped. Returns whether the body had ended, and so will not take the task off the list.</summary>
    internal bool SessionStopped()
    {
        Interlocked.Exchange(ref _sessionStopped, 1);
        return Volatile.Read(ref _bodyEnded) == 1;
    }

    /// <inheritdoc />
    /// <remarks>The session's token is shown redacted, so that a log of the task does not hand out the session.</remarks>
    public override string ToString() => $"{Handler} #{Id} (session {(global::Lifespan.Actors.Sessions.SessionToken.Redact(SessionToken))}, started {StartedAt:O})";
}
