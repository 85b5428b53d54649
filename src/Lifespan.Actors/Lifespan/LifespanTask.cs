
namespace Lifespan.Actors.Lifespan;

/// <summary>
/// A registered lifespan task, as <c>GetLifespanTasks()</c> lists it: its name and shape, and a live view of its
/// status, last exception and restart count.
/// </summary>
public sealed class LifespanTask
{
    private volatile LifespanTaskStatus _status = LifespanTaskStatus.Pending;
    private volatile Exception? _exception;
    private int _restartCount;

    internal LifespanTask(int index, string name, LifespanTaskShape shape, LifespanTaskOptions options, TaskBody body)
    {
        Index = index;
        Name = name;
        Shape = shape;
        Options = options;
        Body = body;
    }

    /// <summary>The position in registration order, from 0.</summary>
    public int Index { get; }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The task's shape.</summary>
    public LifespanTaskShape Shape { get; }

    /// <summary>The options it was registered with.</summary>
    public LifespanTaskOptions Options { get; }

    /// <summary>Where the task is now.</summary>
    public LifespanTaskStatus Status => _status;

    /// <summary>The exception of the last failure, if the task is <see cref="LifespanTaskStatus.Faulted"/> or was restarted after one.</summary>
    public Exception? Exception => _exception;

    /// <summary>How many times the task was restarted after a failure.</summary>
    public int RestartCount => Volatile.Read(ref _restartCount);

    /// <summary>The name of the task's actor under <c>/user/lifespan</c>: its index and its name, such as <c>0-poll-updates</c>.</summary>
    public string ActorName => LifespanGuardian.ActorName(this);

    /// <summary>Whether the task has a setup that must finish before the app starts, and a teardown.</summary>
    public bool IsResource => Shape is LifespanTaskShape.AsyncEnumerableResource or LifespanTaskShape.AsyncDisposableResource or LifespanTaskShape.LifespanResource;

    internal TaskBody Body { get; }

    internal void SetStatus(LifespanTaskStatus status, Exception? exception = null)
    {
        if (exception is not null)
        {
            _exception = exception;
        }

        _status = status;
    }

    internal int CountRestart() => Interlocked.Increment(ref _restartCount);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Shape}, {Status})";
}
