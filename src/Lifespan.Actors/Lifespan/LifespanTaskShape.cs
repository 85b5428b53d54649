
namespace Lifespan.Actors.Lifespan;

/// <summary>What kind of lifespan task a registered delegate or type is.</summary>
public enum LifespanTaskShape
{
    /// <summary>A function returning <see cref="Task"/> or <see cref="ValueTask"/>: started at startup and not awaited; runs until it returns or is cancelled.</summary>
    LongRunning,

    /// <summary>An <c>IAsyncEnumerable&lt;T&gt;</c> method with one <c>yield</c>: code before it is setup, code after it is teardown.</summary>
    AsyncEnumerableResource,

    /// <summary>A function returning an <see cref="IAsyncDisposable"/> (or a task of one): creating it is setup, disposing it is teardown.</summary>
    AsyncDisposableResource,

    /// <summary>A type implementing <see cref="ILifespanResource"/>: <c>StartAsync</c> is setup, <c>StopAsync</c> is teardown.</summary>
    LifespanResource,

    /// <summary>A function returning <see langword="void"/>: runs once at startup.</summary>
    Synchronous,

    /// <summary>An <c>OnStartup</c> handler (the older style): runs once at startup, awaited, in order.</summary>
    StartupHandler,

    /// <summary>An <c>OnShutdown</c> handler (the older style): runs once at shutdown, in order.</summary>
    ShutdownHandler,
}

/// <summary>Where a lifespan task is in its life.</summary>
public enum LifespanTaskStatus
{
    /// <summary>Registered; the app has not started it yet.</summary>
    Pending,

    /// <summary>Its setup (or its first run) is in progress.</summary>
    Starting,

    /// <summary>A long-running task that runs, or a resource that is set up.</summary>
    Running,

    /// <summary>It returned normally (or a one-shot handler finished).</summary>
    Completed,

    /// <summary>It threw; see <see cref="LifespanTask.Exception"/>.</summary>
    Faulted,

    /// <summary>It was cancelled at shutdown (or restart).</summary>
    Cancelled,

    /// <summary>A resource whose teardown has run.</summary>
    TornDown,
}

/// <summary>What happens when a long-running lifespan task throws.</summary>
public enum LifespanFailurePolicy
{
    /// <summary>Log the exception at Error with the task's name; the task stays <see cref="LifespanTaskStatus.Faulted"/>. The default.</summary>
    Log,

    /// <summary>Run the task again after an exponential backoff with jitter, up to a limit.</summary>
    Restart,

    /// <summary>Log the exception and stop the application (what a .NET <c>BackgroundService</c> does by default).</summary>
    StopApplication,
}
