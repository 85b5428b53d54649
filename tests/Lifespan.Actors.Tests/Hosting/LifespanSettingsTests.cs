using Akka.Hosting;
using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>The settings under <c>lifespan { }</c>: their defaults, binding and checks. Akka's own are in <see cref="AkkaSettingsTests"/>.</summary>
public sealed class LifespanSettingsTests
{
    [Fact]
    public void The_embedded_reference_conf_states_the_same_defaults_as_the_code()
    {
        var fromReference = LifespanSettings.From(null);
        var code = new LifespanSettings();
        Assert.Equal(code.Tasks.StartupTimeout, fromReference.Tasks.StartupTimeout);
        Assert.Equal(code.Sessions.PassivateAfter, fromReference.Sessions.PassivateAfter);
        Assert.Equal(code.Sessions.MaxSessions, fromReference.Sessions.MaxSessions);
        Assert.Equal(code.Sessions.MaxQueuedEvents, fromReference.Sessions.MaxQueuedEvents);
        Assert.Equal(code.Sessions.LockWarningAfter, fromReference.Sessions.LockWarningAfter);
        Assert.Equal(code.Sessions.RequestTimeout, fromReference.Sessions.RequestTimeout);
        Assert.Equal(code.Sessions.DetailedErrors, fromReference.Sessions.DetailedErrors);
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
              tasks.startup-timeout = "00:00:42"
              sessions { passivate-after = 2 minutes, lock-warning-after = 250ms, max-sessions = 12, detailed-errors = on }
            }
            """).Build();
        var settings = LifespanSettings.From(configuration);
        Assert.Equal(TimeSpan.FromSeconds(42), settings.Tasks.StartupTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Sessions.PassivateAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Sessions.LockWarningAfter);
        Assert.Equal(12, settings.Sessions.MaxSessions);
        Assert.True(settings.Sessions.DetailedErrors);
        Assert.Equal(new LifespanSettings().Sessions.RequestTimeout, settings.Sessions.RequestTimeout);   // not set: the default
    }

    [Fact]
    public async Task Invalid_settings_fail_the_start_naming_the_setting()
    {
        using var host = Build("lifespan.tasks.startup-timeout = 0s");
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("lifespan.tasks.startup-timeout must be positive", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tasks.startup-timeout = -1s", "lifespan.tasks.startup-timeout must be positive")]
    [InlineData("sessions.passivate-after = 0s", "lifespan.sessions.passivate-after must be positive (it is 00:00:00)")]
    [InlineData("sessions.max-sessions = 0", "lifespan.sessions.max-sessions must be at least 1 (it is 0)")]
    [InlineData("sessions.max-queued-events = -3", "lifespan.sessions.max-queued-events must be at least 1 (it is -3)")]
    [InlineData("sessions.lock-warning-after = 0ms", "lifespan.sessions.lock-warning-after must be positive")]
    [InlineData("sessions.request-timeout = -5s", "lifespan.sessions.request-timeout must be positive")]
    public void Out_of_range_settings_name_the_setting_and_the_rule(string setting, string message)
    {
        var settings = LifespanSettings.From(new ConfigurationBuilder().AddHoconString($"lifespan.{setting}").Build());
        var ex = Assert.ThrowsAny<Exception>(settings.Validate);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lifespan.sessions.passivate-afterr = 1m", "lifespan.sessions.passivate-afterr is not a setting, so it would be ignored; lifespan.sessions has detailed-errors, lock-warning-after, max-queued-events, max-sessions, passivate-after, request-timeout. ")]
    [InlineData("lifespan.tasks.startup-timout = 1m", "lifespan.tasks.startup-timout is not a setting, so it would be ignored; lifespan.tasks has startup-timeout. ")]
    [InlineData("lifespan.session.max-sessions = 5", "lifespan.session is not a setting, so it would be ignored; lifespan has ")]
    public async Task A_misspelt_setting_fails_the_start_naming_it_and_its_neighbours(string hocon, string message)
    {
        using var host = Build(hocon);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("hocon/reference.conf lists every setting with its default.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_in_any_case_are_known()
    {
        var configuration = new ConfigurationBuilder()
            .AddHoconString("Lifespan { Sessions.Max-Sessions = 5, TASKS { Startup-Timeout = 3s } }")
            .Build();
        var settings = LifespanSettings.From(configuration);
        Assert.Equal(5, settings.Sessions.MaxSessions);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Tasks.StartupTimeout);
    }

    [Fact]
    public async Task A_malformed_duration_names_its_key()
    {
        using var host = Build("lifespan.sessions.passivate-after = soon");
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("lifespan:sessions:passivate-after", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tasks.startup-timeout = [5s]", "'lifespan:tasks:startup-timeout' holds an object or array, not a single duration")]
    [InlineData("sessions.max-sessions = 1.5", "'lifespan:sessions:max-sessions' does not hold a valid integer: '1.5'")]
    [InlineData("sessions.max-sessions = [10]", "'lifespan:sessions:max-sessions' holds an object or array, not a single integer")]
    [InlineData("sessions.passivate-after { minutes = 5 }", "'lifespan:sessions:passivate-after' holds an object or array, not a single duration")]
    [InlineData("sessions.detailed-errors = [on]", "'lifespan:sessions:detailed-errors' holds an object or array, not a single boolean")]
    [InlineData("sessions.max-queued-events = many", "'lifespan:sessions:max-queued-events' does not hold a valid integer: 'many'")]
    public void A_setting_of_the_wrong_type_or_shape_fails_naming_it_and_what_it_takes(string setting, string message)
    {
        var configuration = new ConfigurationBuilder().AddHoconString($"lifespan.{setting}").Build();
        var ex = Assert.ThrowsAny<FormatException>(() => LifespanSettings.From(configuration));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>An app with both halves of the set-up and <paramref name="hocon"/> as its configuration.</summary>
    [Fact]
    public void The_bound_settings_are_injectable_themselves_and_as_options()
    {
        using var host = Build("lifespan.sessions.max-sessions = 42");
        Assert.Equal(42, host.Services.GetRequiredService<LifespanSettings>().Sessions.MaxSessions);
        Assert.Same(
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LifespanSettings>>().Value,
            host.Services.GetRequiredService<LifespanSettings>());
    }

    internal static IHost Build(string hocon)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString(hocon);
        builder.Services.AddLifespanActors();
        builder.Services.AddAkka("settings-test", (akka, services) => akka.AddLifespanActors(services));
        return builder.Build();
    }
}
