using System.Collections.Immutable;

namespace Lifespan.Actors.Lifespan;

/// <summary>The registered tasks, in order; closed for registration once the lifespan begins.</summary>
internal sealed class LifespanRegistry
{
    private ImmutableArray<LifespanTask> _tasks = [];
    private bool _begun;

    public ImmutableArray<LifespanTask> Tasks => _tasks;

    public bool HasBegun => Volatile.Read(ref _begun);

    public LifespanTask Add(Func<int, LifespanTask> create)
    {
        lock (this)
        {
            if (_begun)
            {
                throw new InvalidOperationException(
                    "Lifespan tasks must be registered before the app starts: the lifespan has already begun " +
                    "(this registration came from a request, an event handler or another lifespan task). Register it before app.Run().");
            }

            var task = create(_tasks.Length);
            if (task.Shape != LifespanTaskShape.ShutdownHandler && task.Shape != LifespanTaskShape.StartupHandler &&
                _tasks.Any(t => string.Equals(t.Name, task.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException(
                    $"A lifespan task named '{task.Name}' is already registered; give this one another name with LifespanTaskOptions.Name.");
            }

            _tasks = _tasks.Add(task);
            return task;
        }
    }

    /// <summary>Closes registration; returns the tasks to start.</summary>
    public ImmutableArray<LifespanTask> Begin()
    {
        lock (this)
        {
            _begun = true;
            return _tasks;
        }
    }

    /// <summary>Checks every task's dependency-injected parameters before anything starts.</summary>
    public void Validate(IServiceProvider services)
    {
        foreach (var task in _tasks)
        {
            task.Body.Binder?.Validate(services);
        }
    }
}
