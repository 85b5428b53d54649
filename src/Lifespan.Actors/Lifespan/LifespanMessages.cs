
namespace Lifespan.Actors.Lifespan;

/// <summary>Guardian: start every task in registration order; replies <see cref="AllStarted"/>, <see cref="StartFailed"/> or <see cref="StartStopped"/>.</summary>
internal sealed record StartAll(TimeSpan Timeout, TimeSpan StopTimeout, TimeSpan TearDownTimeout);

internal sealed record AllStarted;

internal sealed record StartFailed(LifespanTask Task, Exception Error);

/// <summary>The app was asked to stop while the tasks started: the <paramref name="Started"/> first were started and are stopped again; the rest never started.</summary>
internal sealed record StartStopped(int Started);

/// <summary>Guardian: cancel long-running tasks in reverse order and await them; replies <see cref="Done"/>.</summary>
internal sealed record StopLongRunning(TimeSpan Timeout);

/// <summary>Guardian: run shutdown handlers in order, then tear resources down in reverse order, each within its share of the timeout; replies <see cref="Done"/>.</summary>
internal sealed record TearDownAll(TimeSpan Timeout);

/// <summary>Task actor: start (or set up); replies <see cref="TaskStarted"/> or <see cref="TaskStartFailed"/>.</summary>
internal sealed record StartTask;

internal sealed record TaskStarted;

internal sealed record TaskStartFailed(Exception Error);

/// <summary>Task actor: cancel the running body; replies <see cref="CancelRequested"/> once the token's callbacks have run.</summary>
internal sealed record CancelTask;

internal sealed record CancelRequested;

/// <summary>Task actor: reply <see cref="Done"/> when no body is running (at once if none is).</summary>
internal sealed record AwaitTask;

/// <summary>Task actor: tear down (or run the shutdown handler) and reply <see cref="Done"/>.</summary>
internal sealed record TearDownTask;

internal sealed record SetupEnded(Task<object?> Setup);

internal sealed record BodyEnded(int Generation, Task Body);

internal sealed record TearDownEnded(Task TearDown);

internal sealed record RestartNow(int Generation);
