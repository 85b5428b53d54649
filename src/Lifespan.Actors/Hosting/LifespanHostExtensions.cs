using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Hosting;

/// <summary>Lifespan registration on a built <see cref="IHost"/> (a <c>WebApplication</c> is one), before it runs.</summary>
public static class LifespanHostExtensions
{
    /// <inheritdoc cref="LifespanApp.RegisterLifespanTask(Delegate, object?, LifespanTaskOptions?)"/>
    public static LifespanTask RegisterLifespanTask(this IHost host, Delegate task, object? args = null, LifespanTaskOptions? options = null) =>
        App(host).RegisterLifespanTask(task, args, options);

    /// <inheritdoc cref="LifespanApp.RegisterLifespanTask{TResource}(LifespanTaskOptions?)"/>
    public static LifespanTask RegisterLifespanTask<TResource>(this IHost host, LifespanTaskOptions? options = null) where TResource : class, ILifespanResource =>
        App(host).RegisterLifespanTask<TResource>(options);

    /// <inheritdoc cref="LifespanApp.OnStartup"/>
    public static LifespanTask OnStartup(this IHost host, Delegate handler, object? args = null) => App(host).OnStartup(handler, args);

    /// <inheritdoc cref="LifespanApp.OnShutdown"/>
    public static LifespanTask OnShutdown(this IHost host, Delegate handler, object? args = null) => App(host).OnShutdown(handler, args);

    /// <inheritdoc cref="LifespanApp.GetLifespanTasks"/>
    public static IReadOnlyList<LifespanTask> GetLifespanTasks(this IHost host) => App(host).GetLifespanTasks();

    private static LifespanApp App(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetService<LifespanApp>() ?? throw new InvalidOperationException(
            "Lifespan.Actors is not registered: call builder.Services.AddLifespanActors() before building the app.");
    }
}
