using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Hosting;

/// <summary>Registers Lifespan.Actors with the .NET Generic Host.</summary>
public static class LifespanActorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorSystem"/> singleton (logging through the host's <see cref="ILoggerFactory"/>,
    /// <see cref="Props.FromServices{TActor}"/> through its services) and a hosted service that starts it with the
    /// host and terminates it when the host stops. Works with <c>Host.CreateApplicationBuilder</c> and
    /// <c>WebApplication.CreateBuilder</c>.
    /// </summary>
    public static IServiceCollection AddLifespanActors(this IServiceCollection services, Action<LifespanActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new LifespanActorsBuilder();
        configure?.Invoke(builder);

        services.TryAddSingleton(provider =>
        {
            var options = new ActorSystemOptions
            {
                LoggerFactory = provider.GetService<ILoggerFactory>(),
                Services = provider,
            };
            builder.ConfigureSystem?.Invoke(options);
            return ActorSystem.Create(builder.SystemName, options);
        });
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }
}
