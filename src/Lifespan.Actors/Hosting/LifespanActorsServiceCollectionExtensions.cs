using Lifespan.Actors.Lifespan;
using Lifespan.Actors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifespan.Actors.Hosting;

/// <summary>Registers Lifespan.Actors with the .NET Generic Host.</summary>
public static class LifespanActorsServiceCollectionExtensions
{

    /// <summary>
    /// Registers the <see cref="ActorSystem"/> (logging and services from the host, settings from the <c>lifespan</c>
    /// configuration section), the lifespan (<see cref="LifespanApp"/>, <see cref="LifespanState{T}"/>) and the hosted
    /// service that starts every lifespan task before the web server takes traffic and runs the coordinated shutdown
    /// after it has stopped. Works with <c>Host.CreateApplicationBuilder</c> and <c>WebApplication.CreateBuilder</c>.
    /// </summary>
    public static IServiceCollection AddLifespanActors(this IServiceCollection services, Action<LifespanActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new LifespanActorsBuilder();
        configure?.Invoke(builder);

        services.AddOptions<LifespanSettings>()
            .Configure<IServiceProvider>((settings, provider) =>
            {
                LifespanSettings.BindDefaultsAnd(settings, provider.GetService<IConfiguration>());

                if (builder.SystemName is not null)
                {
                    settings.SystemName = builder.SystemName;
                }

                builder.ConfigureSystem?.Invoke(settings.System);
                foreach (var add in builder.States)
                {
                    add(settings.Sessions);
                }

                builder.ConfigureSessions?.Invoke(settings.Sessions);
            })
            .Validate(settings => { settings.Validate(); return true; })
            .ValidateOnStart();

        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<LifespanSettings>>().Value;
            settings.System.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            settings.System.Services ??= provider;
            return ActorSystem.Create(settings.SystemName, settings.System);
        });
        services.TryAddSingleton<IStateStore, InMemoryStateStore>();
        services.TryAddSingleton(provider => SessionHub.Start(
            provider.GetRequiredService<ActorSystem>(),
            provider.GetRequiredService<IOptions<LifespanSettings>>().Value.Sessions,
            provider.GetRequiredService<IStateStore>(),
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(builder.Registry);
        services.TryAddSingleton<LifespanStateStore>();
        services.TryAddSingleton(typeof(LifespanState<>));
        services.TryAddSingleton(provider => new LifespanApp(
            provider.GetRequiredService<LifespanRegistry>(), provider, provider.GetRequiredService<ActorSystem>()));
        services.AddHostedService<LifespanActorsHostedService>();
        return services;
    }
}
