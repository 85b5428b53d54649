using System.Reflection.Metadata;
using Lifespan.Actors.Lifespan;

[assembly: MetadataUpdateHandler(typeof(Lifespan.Actors.Hosting.LifespanHotReload))]

namespace Lifespan.Actors.Hosting;

/// <summary>
/// On a hot reload (<c>dotnet watch</c>), stops and restarts the lifespan tasks of every running app in the
/// Development environment, as the seed's dev mode does. Apps register while they run.
/// </summary>
internal static class LifespanHotReload
{
    private static readonly List<LifespanApp> s_apps = [];

    public static void Track(LifespanApp app)
    {
        lock (s_apps)
        {
            s_apps.Add(app);
        }
    }

    public static void Untrack(LifespanApp app)
    {
        lock (s_apps)
        {
            s_apps.Remove(app);
        }
    }

    /// <summary>Called by the runtime after an edit is applied; never throws back into it.</summary>
    public static void UpdateApplication(Type[]? updatedTypes)
    {
        _ = updatedTypes;
        LifespanApp[] apps;
        lock (s_apps)
        {
            apps = [.. s_apps];
        }

        foreach (var app in apps)
        {
            _ = app.RestartAsync().ContinueWith(
                static t => _ = t.Exception,   // a failed restart is logged by the lifespan; observe it here
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }
}
