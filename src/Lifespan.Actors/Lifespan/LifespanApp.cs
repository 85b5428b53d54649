using System.Collections.Immutable;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// The running app as lifespan tasks and request handlers see it (inject it, or take it as a task parameter —
/// the seed's special <c>app</c> argument): register tasks before it starts, list them, restart them, stop the app.
/// </summary>
public sealed class LifespanApp
{
    private readonly LifespanRegistry _registry;
    private Func<CancellationToken, Task>? _restart;

    internal LifespanApp(LifespanRegistry registry, IServiceProvider services)
    {
        _registry = registry;
        Services = services;
    }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The app's Akka.NET actor system (Akka.Hosting's).</summary>
    public ActorSystem ActorSystem => Services.GetRequiredService<ActorSystem>();

    /// <summary>The app's client sessions: send events, subscribe, change state out of band.</summary>
    public SessionHub Sessions => Services.GetRequiredService<SessionHub>();

    /// <summary>A live view of the running background tasks of every session (the seed's <c>app.background_tasks</c>).</summary>
    public BackgroundTaskCollection BackgroundTasks => Sessions.BackgroundTasks;

    /// <inheritdoc cref="SessionHub.ModifyStateAsync{TState}(string, Action{TState}, CancellationToken)"/>
    public Task ModifyStateAsync<TState>(string token, Action<TState> change, CancellationToken cancellationToken = default)
        where TState : global::Lifespan.Actors.State.State =>
        Sessions.ModifyStateAsync(token, change, cancellationToken);

    /// <inheritdoc cref="SessionHub.ModifyStateAsync{TState}(string, Func{TState, ValueTask}, CancellationToken)"/>
    public Task ModifyStateAsync<TState>(string token, Func<TState, ValueTask> change, CancellationToken cancellationToken = default)
        where TState : global::Lifespan.Actors.State.State =>
        Sessions.ModifyStateAsync(token, change, cancellationToken);

    /// <inheritdoc cref="SessionHub.CancelBackgroundTask"/>
    public bool CancelBackgroundTask(long id) => Sessions.CancelBackgroundTask(id);

    /// <summary>Registers a lifespan task (see <see cref="LifespanTaskShape"/> for the shapes it may have).</summary>
    /// <param name="task">The function.</param>
    /// <param name="args">Arguments by parameter name: an anonymous object (<c>new { foo = 42 }</c>) or a dictionary.</param>
    /// <param name="options">Name and failure policy.</param>
    /// <exception cref="ArgumentException">The shape is not accepted, an argument matches no parameter, or the name is taken.</exception>
    /// <exception cref="InvalidOperationException">The lifespan has already begun.</exception>
    public LifespanTask RegisterLifespanTask(Delegate task, object? args = null, LifespanTaskOptions? options = null) =>
        _registry.Add(i => Validated(LifespanTaskFactory.FromDelegate(i, task, args, options)));

    /// <summary>Registers a setup/teardown resource of type <typeparamref name="TResource"/>, created through dependency injection.</summary>
    public LifespanTask RegisterLifespanTask<TResource>(LifespanTaskOptions? options = null) where TResource : class, ILifespanResource =>
        _registry.Add(i => LifespanTaskFactory.FromResourceType(i, typeof(TResource), options));

    /// <summary>The older style: runs <paramref name="handler"/> once at startup, in order with the tasks. Prefer a setup/teardown resource.</summary>
    public LifespanTask OnStartup(Delegate handler, object? args = null) =>
        _registry.Add(i => Validated(LifespanTaskFactory.Handler(i, LifespanTaskShape.StartupHandler, handler, args)));

    /// <summary>
    /// The older style: runs <paramref name="handler"/> once at shutdown, shutdown handlers in registration order — if
    /// the startup reached it (a start that failed or was stopped runs only the handlers registered before that point).
    /// Prefer a setup/teardown resource.
    /// </summary>
    public LifespanTask OnShutdown(Delegate handler, object? args = null) =>
        _registry.Add(i => Validated(LifespanTaskFactory.Handler(i, LifespanTaskShape.ShutdownHandler, handler, args)));

    /// <summary>Checks the task's injected parameters before the registry adds it, so a rejected task is not kept.</summary>
    private LifespanTask Validated(LifespanTask task)
    {
        task.Body.Binder?.Validate(Services);
        return task;
    }

    /// <summary>The registered tasks, in registration order, with their live status.</summary>
    public IReadOnlyList<LifespanTask> GetLifespanTasks() => _registry.Tasks;

    /// <summary>Whether the lifespan has begun (registration is closed).</summary>
    public bool HasStarted => _registry.HasBegun;

    /// <summary>
    /// Stops the lifespan tasks (long-running ones cancelled, resources torn down, in reverse order) and starts them
    /// again in registration order — what a hot reload does in Development.
    /// </summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        (_restart ?? throw new InvalidOperationException("The lifespan has not started yet; there is nothing to restart."))(cancellationToken);

    /// <summary>
    /// Asks the host to stop the application. Called while the lifespan tasks start (from a setup, say), it is an
    /// orderly stop, not a failed start: no further task starts, and those that started are stopped again in order.
    /// </summary>
    public void StopApplication() =>
        ((IHostApplicationLifetime?)Services.GetService(typeof(IHostApplicationLifetime)) ?? throw new InvalidOperationException(
            "This app has no IHostApplicationLifetime: it is not running on the .NET Generic Host.")).StopApplication();

    internal ImmutableArray<LifespanTask> Tasks => _registry.Tasks;

    internal void SetRestart(Func<CancellationToken, Task> restart) => _restart = restart;
}
