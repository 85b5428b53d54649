using Lifespan.Actors.Hosting;
using Lifespan.Actors.Shutdown;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>Builds a Generic Host with Lifespan.Actors for tests, its logs captured.</summary>
internal static class LifespanHost
{
    public static (IHost Host, CapturingLoggerProvider Log) Build(
        Action<LifespanActorsBuilder> configure,
        Action<IServiceCollection>? services = null,
        Action<ShutdownOptions>? shutdown = null,
        string environment = "Production",
        Dictionary<string, string?>? configuration = null,
        TimeProvider? time = null)
    {
        var log = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug);
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Services.AddLifespanActors(actors =>
        {
            actors.SystemName = "lifespan-test";
            actors.ConfigureSystem = o =>
            {
                shutdown?.Invoke(o.Shutdown);
                o.TimeProvider = time ?? o.TimeProvider;
            };
            configure(actors);
        });
        services?.Invoke(builder.Services);
        return (builder.Build(), log);
    }

    public static async Task StopWithin(this IHost host, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await host.StopAsync(cts.Token);
    }
}
