using Lifespan.Actors.TestKit;
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

    /// <summary>A resource whose setup fails (before its yield) with "model file missing".</summary>
    public static async IAsyncEnumerable<string> FailingSetup()
    {
        await Task.Yield();
        throw new InvalidOperationException("model file missing");
#pragma warning disable CS0162 // unreachable: the setup fails before its yield
        yield break;
#pragma warning restore CS0162
    }

    /// <summary>The messages <paramref name="probe"/> receives up to and including <paramref name="last"/>, in order.</summary>
    public static async Task<List<string>> FishUntilAsync(this TestProbe probe, string last, TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        await probe.FishForMessageAsync(m => { seen.Add((string)m); return (string)m == last; }, timeout ?? TimeSpan.FromSeconds(30));
        return seen;
    }
}
