using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Configures what <see cref="LifespanActorsServiceCollectionExtensions.AddLifespanActors"/> registers: state classes,
/// lifespan tasks registered before the app is built, and session options.
/// </summary>
public sealed class LifespanActorsBuilder
{
    internal LifespanActorsBuilder() { }

    internal LifespanRegistry Registry { get; } = new();

    /// <summary>Changes the sessions' options after configuration is applied.</summary>
    public Action<SessionOptions>? ConfigureSessions { get; set; }

    internal List<Action<SessionOptions>> States { get; } = [];

    /// <summary>Adds <typeparamref name="TState"/> to every client session; events address its handlers as <c>TState.Handler</c>.</summary>
    public LifespanActorsBuilder AddState<TState>() where TState : global::Lifespan.Actors.State.State, new()
    {
        States.Add(static o => o.AddState<TState>());
        return this;
    }

    /// <inheritdoc cref="LifespanApp.RegisterLifespanTask(Delegate, object?, LifespanTaskOptions?)"/>
    public LifespanActorsBuilder RegisterLifespanTask(Delegate task, object? args = null, LifespanTaskOptions? options = null)
    {
        Registry.Add(i => LifespanTaskFactory.FromDelegate(i, task, args, options));
        return this;
    }

    /// <inheritdoc cref="LifespanApp.RegisterLifespanTask{TResource}(LifespanTaskOptions?)"/>
    public LifespanActorsBuilder RegisterLifespanTask<TResource>(LifespanTaskOptions? options = null) where TResource : class, ILifespanResource
    {
        Registry.Add(i => LifespanTaskFactory.FromResourceType(i, typeof(TResource), options));
        return this;
    }

    /// <inheritdoc cref="LifespanApp.OnStartup"/>
    public LifespanActorsBuilder OnStartup(Delegate handler, object? args = null)
    {
        Registry.Add(i => LifespanTaskFactory.Handler(i, LifespanTaskShape.StartupHandler, handler, args));
        return this;
    }

    /// <inheritdoc cref="LifespanApp.OnShutdown"/>
    public LifespanActorsBuilder OnShutdown(Delegate handler, object? args = null)
    {
        Registry.Add(i => LifespanTaskFactory.Handler(i, LifespanTaskShape.ShutdownHandler, handler, args));
        return this;
    }
}
