using Akka.Hosting;
using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Tests.Lifespan;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>
/// Akka's settings: under <c>akka { }</c> in the app's configuration (HOCON, JSON, environment, command line), handed to
/// the <see cref="ActorSystem"/> resolved. The actor system and shutdown settings of earlier versions, under
/// <c>lifespan</c>, fail naming where they moved.
/// </summary>
public sealed class AkkaSettingsTests
{
    private const string Phases = "akka.coordinated-shutdown.phases";

    /// <summary>A prefix of environment variables only this class sets, so that tests running beside it never see them.</summary>
    private const string EnvironmentPrefix = "LIFESPAN_AKKA_SETTINGS_TEST_";

    [Theory]
    [InlineData("lifespan.actor-system.name = orders", "lifespan.actor-system is no longer a setting: the actor system is Akka.NET's; its name is the one given to services.AddAkka(name, ...), and its settings are under akka { }")]
    [InlineData("lifespan.actor-system.dispatcher.throughput = 5", "lifespan.actor-system is no longer a setting: ")]
    [InlineData("lifespan.shutdown.default-phase-timeout = 2s", "lifespan.shutdown is no longer a setting: the shutdown is Akka.NET's CoordinatedShutdown; set its phases under akka.coordinated-shutdown (akka.coordinated-shutdown.phases.service-stop.timeout = 5s).")]
    [InlineData("lifespan.shutdown.phases.service-stop { timeout = 1500ms, recover = false }", "lifespan.shutdown is no longer a setting: ")]
    [InlineData("lifespan.sessions.allow-inline-events = off", "lifespan.sessions.allow-inline-events is no longer a setting: ")]
    public async Task A_setting_that_moved_to_Akka_fails_the_start_naming_where_it_went(string hocon, string message)
    {
        using var host = LifespanSettingsTests.Build(hocon);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Akka_settings_in_the_app_configuration_reach_the_actor_system_resolved()
    {
        Environment.SetEnvironmentVariable(EnvironmentPrefix + "TEARDOWN", "4s");
        Environment.SetEnvironmentVariable(EnvironmentPrefix + "akka__actor__default-dispatcher__throughput", "7");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString($$"""
            stop = 3s
            akka {
              coordinated-shutdown.phases {
                service-stop.timeout = ${stop}
                before-actor-system-terminate.timeout = 9s
                before-actor-system-terminate.timeout = ${?{{EnvironmentPrefix}}TEARDOWN}
                service-unbind.timeout = 6s
                service-unbind.timeout = ${?{{EnvironmentPrefix}}NOT_SET}
              }
              cluster.roles = [web, "api:v2"]
              actor.serialization-bindings { "System.Object" = json }
              log-dead-letters = off
            }
            """);
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);   // akka__actor__... : an environment-style key
        builder.Services.AddLifespanActors();
        builder.Services.AddAkka("configured", (akka, services) => akka.AddLifespanActors(services));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var config = system.Settings.Config;
            Assert.Equal("configured", system.Name);
            Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan($"{Phases}.service-stop.timeout"));
            Assert.Equal(TimeSpan.FromSeconds(4), config.GetTimeSpan($"{Phases}.before-actor-system-terminate.timeout"));
            Assert.Equal(TimeSpan.FromSeconds(6), config.GetTimeSpan($"{Phases}.service-unbind.timeout"));
            Assert.Equal(7, config.GetInt("akka.actor.default-dispatcher.throughput"));
            Assert.Equal(["web", "api:v2"], config.GetStringList("akka.cluster.roles"));
            Assert.Equal("json", config.GetConfig("akka.actor.serialization-bindings").GetString("\"System.Object\""));
            Assert.False(config.GetBoolean("akka.log-dead-letters"));

            // The coordinated shutdown runs with them.
            Assert.Equal(TimeSpan.FromSeconds(3), CoordinatedShutdown.Get(system).Timeout(CoordinatedShutdown.PhaseServiceStop));
            Assert.Equal(TimeSpan.FromSeconds(4), CoordinatedShutdown.Get(system).Timeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate));
        }
        finally
        {
            await host.StopWithin(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Akka_runs_the_coordinated_shutdown_from_the_host_not_from_its_own_signal_handler_by_default()
    {
        using var host = LifespanSettingsTests.Build("lifespan.tasks.startup-timeout = 1m");
        await host.StartAsync();
        var config = host.Services.GetRequiredService<ActorSystem>().Settings.Config;
        Assert.False(config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
        Assert.True(config.GetBoolean("akka.coordinated-shutdown.run-by-actor-system-terminate"));   // Akka's other defaults stay
        await host.StopWithin(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("akka.coordinated-shutdown.run-by-clr-shutdown-hook = on")]
    [InlineData("akka { coordinated-shutdown { run-by-clr-shutdown-hook = true } }")]
    public async Task An_app_that_sets_the_shutdown_hook_gets_its_own_value(string hocon)
    {
        using var host = LifespanSettingsTests.Build(hocon);
        await host.StartAsync();
        Assert.True(host.Services.GetRequiredService<ActorSystem>().Settings.Config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
        await host.StopWithin(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void The_reference_conf_states_the_Akka_default_the_library_applies()
    {
        var reference = new ConfigurationBuilder().AddHoconString(LifespanSettings.ReferenceConfiguration).Build();
        var defaults = new ConfigurationBuilder().AddHoconString(LifespanAkkaConfigurationBuilderExtensions.Defaults).Build();
        Assert.Equal("off", reference["akka:coordinated-shutdown:run-by-clr-shutdown-hook"]);
        Assert.Equal(
            reference.GetSection("akka").AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).OrderBy(kv => kv.Key),
            defaults.GetSection("akka").AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Options_given_to_AddLifespanActors_win_over_the_configuration_and_the_defaults()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString("akka.coordinated-shutdown.phases.service-stop.timeout = 9s");
        builder.Services.AddLifespanActors();
        builder.Services.AddAkka("options", (akka, services) => akka.AddLifespanActors(services, o =>
        {
            o.BackgroundTasksTimeout = TimeSpan.FromSeconds(2);
            o.LongRunningTasksTimeout = TimeSpan.FromMilliseconds(1500);
            o.TearDownTimeout = TimeSpan.FromSeconds(8);
            o.RunByClrShutdownHook = true;
        }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var shutdown = CoordinatedShutdown.Get(system);
            Assert.Equal(TimeSpan.FromSeconds(2), shutdown.Timeout(CoordinatedShutdown.PhaseServiceRequestsDone));
            Assert.Equal(TimeSpan.FromMilliseconds(1500), shutdown.Timeout(CoordinatedShutdown.PhaseServiceStop));   // not the configuration's 9s
            Assert.Equal(TimeSpan.FromSeconds(8), shutdown.Timeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate));
            Assert.True(system.Settings.Config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));   // not the library's off
        }
        finally
        {
            await host.StopWithin(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void Options_left_unset_add_no_setting_and_a_timeout_that_is_not_positive_is_refused_naming_its_phase()
    {
        Assert.Equal(string.Empty, new LifespanActorsOptions().ToHocon());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LifespanActorsOptions { TearDownTimeout = TimeSpan.Zero }.ToHocon());
        Assert.Contains("before-actor-system-terminate must be positive", error.Message, StringComparison.Ordinal);
    }
}
