
namespace Lifespan.Actors.Lifespan;

/// <summary>A lifespan task failed to start, so the app did not start; the tasks started before it were stopped again.</summary>
public sealed class LifespanStartupException : Exception
{
    /// <summary>Creates the exception for <paramref name="taskName"/>.</summary>
    public LifespanStartupException(string taskName, Exception inner)
        : base($"Lifespan task '{taskName}' failed to start: {inner.GetType().Name}: {inner.Message}", inner) => TaskName = taskName;

    /// <summary>The task whose setup failed.</summary>
    public string TaskName { get; }
}
