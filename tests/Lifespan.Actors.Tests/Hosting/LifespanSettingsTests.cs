using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lifespan.Actors.Tests.Hosting;

public sealed class LifespanSettingsTests
{
    [Fact]
    public void The_embedded_reference_conf_states_the_same_defaults_as_the_code()
    {
        var fromReference = LifespanSettings.From(null);
        var code = new LifespanSettings();
        Assert.Equal(code.SystemName, fromReference.SystemName);
        Assert.Equal(code.System.Throughput, fromReference.System.Throughput);
        Assert.Equal(code.System.HandlerStopTimeout, fromReference.System.HandlerStopTimeout);
        Assert.Equal(code.System.TerminateTimeout, fromReference.System.TerminateTimeout);
        Assert.Equal(code.System.DeadLetterLogLimit, fromReference.System.DeadLetterLogLimit);
        Assert.Equal(code.System.DeadLetterLogInterval, fromReference.System.DeadLetterLogInterval);
        Assert.Equal(code.Tasks.StartupTimeout, fromReference.Tasks.StartupTimeout);
        Assert.Equal(code.System.Shutdown.DefaultPhaseTimeout, fromReference.System.Shutdown.DefaultPhaseTimeout);
        Assert.Equal(code.Sessions.PassivateAfter, fromReference.Sessions.PassivateAfter);
        Assert.Equal(code.Sessions.MaxSessions, fromReference.Sessions.MaxSessions);
        Assert.Equal(code.Sessions.MaxQueuedEvents, fromReference.Sessions.MaxQueuedEvents);
        Assert.Equal(code.Sessions.LockWarningAfter, fromReference.Sessions.LockWarningAfter);
        Assert.Equal(code.Sessions.RequestTimeout, fromReference.Sessions.RequestTimeout);
        Assert.Equal(code.Sessions.DetailedErrors, fromReference.Sessions.DetailedErrors);
        Assert.Equal(code.Sessions.AllowInlineEvents, fromReference.Sessions.AllowInlineEvents);
        foreach (var phase in ShutdownPhases.All)
        {
            Assert.Equal(code.System.Shutdown.TimeoutOf(phase), fromReference.System.Shutdown.TimeoutOf(phase));
            Assert.Equal(code.System.Shutdown.RecoversIn(phase), fromReference.System.Shutdown.RecoversIn(phase));
        }
    }

    [Fact]
    public void The_repository_reference_conf_is_the_embedded_one()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Lifespan.Actors.sln")))
        {
            repo = repo.Parent;
        }

        Assert.NotNull(repo);
        Assert.Equal(File.ReadAllText(Path.Combine(repo.FullName, "hocon", "reference.conf")), LifespanSettings.ReferenceConfiguration);
    }

    [Fact]
    public void HOCON_overrides_bind_with_durations_in_either_form()
    {
        var configuration = new ConfigurationBuilder().AddHoconString("""
            lifespan {
              actor-system { name = orders, dispatcher.throughput = 5, handler-stop-timeout = 250ms }
              tasks.startup-timeout = "00:00:42"
              sessions.allow-inline-events = off
              shutdown { default-phase-timeout = 2 seconds, phases.service-stop { timeout = 1500ms, recover = false } }
            }
            """).Build();
        var settings = LifespanSettings.From(configuration);
        Assert.Equal("orders", settings.SystemName);
        Assert.Equal(5, settings.System.Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.System.HandlerStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(42), settings.Tasks.StartupTimeout);
        Assert.False(settings.Sessions.AllowInlineEvents);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.System.Shutdown.TimeoutOf(ShutdownPhases.ServiceUnbind));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.System.Shutdown.TimeoutOf(ShutdownPhases.ServiceStop));
        Assert.False(settings.System.Shutdown.RecoversIn(ShutdownPhases.ServiceStop));
        Assert.Equal(TimeSpan.FromSeconds(10), settings.System.Shutdown.TimeoutOf(ShutdownPhases.ActorSystemTerminate));
    }

    [Fact]
    public async Task Invalid_settings_fail_the_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString("lifespan.actor-system.dispatcher.throughput = 0");
        builder.Services.AddLifespanActors();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("lifespan.actor-system.dispatcher.throughput must be at least 1", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dispatcher.throughput = 0", "lifespan.actor-system.dispatcher.throughput must be at least 1")]
    [InlineData("handler-stop-timeout = -1s", "lifespan.actor-system.handler-stop-timeout must be positive")]
    [InlineData("terminate-timeout = 0s", "lifespan.actor-system.terminate-timeout must be positive")]
    [InlineData("dead-letters.log-limit = -1", "lifespan.actor-system.dead-letters.log-limit must not be negative")]
    [InlineData("dead-letters.log-interval = 0ms", "lifespan.actor-system.dead-letters.log-interval must be positive")]
    [InlineData("name = \"my system\"", "lifespan.actor-system.name 'my system' is invalid: use ASCII letters, digits")]
    public void Out_of_range_actor_system_settings_name_the_setting_and_the_rule(string setting, string message)
    {
        var settings = LifespanSettings.From(new ConfigurationBuilder().AddHoconString($"lifespan.actor-system.{setting}").Build());
        var ex = Assert.ThrowsAny<ArgumentException>(settings.Validate);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lifespan.sessions.passivate-afterr = 1m", "lifespan.sessions.passivate-afterr is not a setting, so it would be ignored; lifespan.sessions has allow-inline-events, detailed-errors, lock-warning-after, max-queued-events, max-sessions, passivate-after, request-timeout. ")]
    [InlineData("lifespan.actor-system.throughput = 50", "lifespan.actor-system.throughput is not a setting, so it would be ignored; lifespan.actor-system has ")]
    [InlineData("lifespan.shutdown.phases.service-unbind.timeuot = 1s", "lifespan.shutdown.phases.service-unbind.timeuot is not a setting, so it would be ignored; lifespan.shutdown.phases.service-unbind has recover, timeout. ")]
    [InlineData("lifespan.session.max-sessions = 5", "lifespan.session is not a setting, so it would be ignored; lifespan has ")]
    public async Task A_misspelt_setting_fails_the_start_naming_it_and_its_neighbours(string hocon, string message)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString(hocon);
        builder.Services.AddLifespanActors();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("hocon/reference.conf lists every setting with its default.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_any_case_and_any_phase_are_known()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("lifespan { Sessions.Max-Sessions = 5, shutdown.phases.service-unbind { timeout = 1s, recover = off } }")
            .Build();
        var settings = LifespanSettings.From(configuration);
        Assert.Equal(5, settings.Sessions.MaxSessions);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.System.Shutdown.TimeoutOf(ShutdownPhases.ServiceUnbind));
        Assert.False(settings.System.Shutdown.RecoversIn(ShutdownPhases.ServiceUnbind));
    }

    [Fact]
    public async Task A_malformed_duration_names_its_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString("lifespan.shutdown.default-phase-timeout = soon");
        builder.Services.AddLifespanActors();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("default-phase-timeout", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actor-system.dispatcher.throughput = fast", "'lifespan:actor-system:dispatcher:throughput' does not hold a valid integer: 'fast'")]
    [InlineData("sessions.max-sessions = 1.5", "'lifespan:sessions:max-sessions' does not hold a valid integer: '1.5'")]
    [InlineData("sessions.max-sessions = [10]", "'lifespan:sessions:max-sessions' holds an object or array, not a single integer")]
    [InlineData("sessions.passivate-after { minutes = 5 }", "'lifespan:sessions:passivate-after' holds an object or array, not a single duration")]
    [InlineData("sessions.detailed-errors = [on]", "'lifespan:sessions:detailed-errors' holds an object or array, not a single boolean")]
    [InlineData("shutdown.phases.service-stop = 5s", "lifespan.shutdown.phases.service-stop must be an object such as { timeout = 5s, recover = true }, not '5s'")]
    public void A_setting_of_the_wrong_type_or_shape_fails_naming_it_and_what_it_takes(string setting, string message)
    {
        var configuration = new ConfigurationBuilder().AddHoconString($"lifespan.{setting}").Build();
        var ex = Assert.ThrowsAny<FormatException>(() => LifespanSettings.From(configuration));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_actor_system_is_built_from_the_bound_settings()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString("lifespan.actor-system { name = configured, dispatcher.throughput = 7 }");
        builder.Services.AddLifespanActors();
        using var host = builder.Build();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal("configured", system.Name);
        Assert.Equal(7, system.Options.Throughput);
        Assert.Same(host.Services.GetRequiredService<IOptions<LifespanSettings>>().Value.System, system.Options);
    }
}
