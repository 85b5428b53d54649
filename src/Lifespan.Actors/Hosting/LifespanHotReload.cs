using System.Reflection.Metadata;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: MetadataUpdateHandler(typeof(Lifespan.Actors.Hosting.LifespanHotReload))]

namespace Lifespan.Actors.Hosting;

/// <summary>
/// On a hot reload (<c>dotnet watch</c>) in the Development environment, stops and restarts the lifespan tasks of
/// every running app, as the seed's dev mode does.
/// </summary>
internal static class LifespanHotReload
{
    private static readonly List<WeakReference<LifespanApp>> s_apps = [];

    public static void Track(LifespanApp app)
    {
        lock (s_apps)
        {
            s_apps.RemoveAll(w => !w.TryGetTarget(out _));
            s_apps.Add(new WeakReference<LifespanApp>(app));
        }
    }

    /// <summary>Called by the runtime after an edit is applied.</summary>
    public static void UpdateApplication(Type[]? updatedTypes)
    {
        _ = updatedTypes;
        LifespanApp[] apps;
        lock (s_apps)
        {
            apps = s_apps.Select(w => w.TryGetTarget(out var a) ? a : null).OfType<LifespanApp>().ToArray();
        }

        foreach (var app in apps)
        {
            if (app.HasStarted && app.Services.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            {
                _ = app.RestartAsync();
            }
        }
    }
}
