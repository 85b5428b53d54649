using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lifespan.Actors.Hosting;
using Akka.Hosting;
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
        string? akka = null,
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

        builder.Services.AddLifespanActors(configure);
        builder.Services.AddAkka("lifespan-test", (akkaBuilder, provider) =>
        {
            if (akka is not null)
            {
                akkaBuilder.AddHocon(akka, HoconAddMode.Prepend);
            }

            akkaBuilder.AddLifespanActors(provider);
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        return (builder.Build(), log);
    }

    /// <summary>The Akka setting that gives shutdown phase <paramref name="phase"/> the timeout <paramref name="timeout"/>.</summary>
    public static string PhaseTimeout(string phase, TimeSpan timeout) =>
        $"akka.coordinated-shutdown.phases.{phase}.timeout = {(int)timeout.TotalMilliseconds}ms";

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
    public static async Task<List<string>> FishUntilAsync(this TestKitBase probe, string last, TimeSpan? timeout = null)
    {
        var seen = new List<string>();
        await probe.FishForMessageAsync(m => { seen.Add((string)m); return (string)m == last; }, timeout ?? TimeSpan.FromSeconds(30));
        return seen;
    }
}
