using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lifespan.Actors.Hosting;

/// <summary>Registers the services of Lifespan.Actors with the .NET Generic Host.</summary>
public static class LifespanActorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the app injects — <see cref="LifespanApp"/>, <see cref="SessionHub"/>, <see cref="LifespanState{T}"/>,
    /// <see cref="LifespanSettings"/> bound from the <c>lifespan</c> configuration section — and the hosted service that
    /// cancels the sessions' background tasks before the web server stops listening. The actors themselves start in the
    /// app's Akka.NET <see cref="ActorSystem"/>: call
    /// <see cref="LifespanAkkaConfigurationBuilderExtensions.AddLifespanActors(Akka.Hosting.AkkaConfigurationBuilder, IServiceProvider)"/>
    /// inside <c>services.AddAkka(...)</c> too; either call without the other fails at startup, naming the missing one.
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
                foreach (var add in builder.States)
                {
                    add(settings.Sessions);
                }

                builder.ConfigureSessions?.Invoke(settings.Sessions);
            })
            .Validate(settings => { settings.Validate(); return true; })
            .ValidateOnStart();

        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<LifespanSettings>>().Value);
        services.TryAddSingleton<IStateStore, InMemoryStateStore>();
        services.TryAddSingleton(provider => new SessionHub(provider.GetRequiredService<IOptions<LifespanSettings>>().Value.Sessions));
        services.TryAddSingleton(builder.Registry);
        services.TryAddSingleton<LifespanStateStore>();
        services.TryAddSingleton(typeof(LifespanState<>));
        services.TryAddSingleton(provider => new LifespanApp(provider.GetRequiredService<LifespanRegistry>(), provider));
        services.TryAddSingleton<LifespanController>();
        services.TryAddSingleton<SessionEndpointLifetime>();
        services.AddHostedService<LifespanHostedService>();
        return services;
    }
}
