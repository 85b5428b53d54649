using Lifespan.Actors.Configuration;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Every setting under <c>lifespan { ... }</c>, bound from configuration (HOCON, JSON, environment, command line)
/// with the defaults of <c>hocon/reference.conf</c>.
/// </summary>
public sealed class LifespanSettings
{
    /// <summary>The lifespan's options (<c>lifespan.tasks</c>).</summary>
    public LifespanOptions Tasks { get; } = new();

    /// <summary>Client sessions' options (<c>lifespan.sessions</c>); state classes are added with <see cref="LifespanActorsBuilder.AddState{TState}"/>.</summary>
    public SessionOptions Sessions { get; } = new();

    /// <summary>The text of <c>hocon/reference.conf</c>, embedded in the library: every setting with its default.</summary>
    public static string ReferenceConfiguration { get; } = ReadReference();

    /// <summary>The <c>lifespan</c> section of <see cref="ReferenceConfiguration"/>, parsed once.</summary>
    internal static IConfigurationSection ReferenceSection => s_referenceSection.Value;

    private static readonly Lazy<IConfigurationSection> s_referenceSection = new(() =>
        new ConfigurationBuilder().AddHoconString(ReferenceConfiguration).Build().GetSection("lifespan"));

    /// <summary>Settings with the defaults of <see cref="ReferenceConfiguration"/>, overridden by <paramref name="configuration"/>'s <c>lifespan</c> section.</summary>
    public static LifespanSettings From(IConfiguration? configuration)
    {
        var settings = new LifespanSettings();
        BindDefaultsAnd(settings, configuration);
        return settings;
    }

    /// <summary>Binds the defaults of <see cref="ReferenceConfiguration"/>, then <paramref name="configuration"/>'s <c>lifespan</c> section, onto <paramref name="settings"/>.</summary>
    internal static void BindDefaultsAnd(LifespanSettings settings, IConfiguration? configuration)
    {
        Bind(settings, ReferenceSection);
        if (configuration is not null)
        {
            Bind(settings, configuration.GetSection("lifespan"));
        }
    }

    /// <summary>Binds <paramref name="section"/> (the <c>lifespan</c> section) onto <paramref name="settings"/>; durations may be HOCON (<c>5s</c>) or .NET (<c>00:00:05</c>).</summary>
    /// <exception cref="InvalidOperationException">A key of <paramref name="section"/> names no setting of <see cref="ReferenceConfiguration"/>.</exception>
    public static void Bind(LifespanSettings settings, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(section);
        UnknownSettingsCheck.ThrowIfAny(section);
        settings.Tasks.StartupTimeout = section.GetSection("tasks").GetDuration("startup-timeout", settings.Tasks.StartupTimeout);

        var sessions = section.GetSection("sessions");
        var s = settings.Sessions;
        s.PassivateAfter = sessions.GetDuration("passivate-after", s.PassivateAfter);
        s.MaxSessions = sessions.GetInt32("max-sessions", s.MaxSessions);
        s.MaxQueuedEvents = sessions.GetInt32("max-queued-events", s.MaxQueuedEvents);
        s.LockWarningAfter = sessions.GetDuration("lock-warning-after", s.LockWarningAfter);
        s.RequestTimeout = sessions.GetDuration("request-timeout", s.RequestTimeout);
        s.DetailedErrors = sessions.GetBoolean("detailed-errors", s.DetailedErrors);
    }

    private static string ReadReference()
    {
        using var stream = typeof(LifespanSettings).Assembly.GetManifestResourceStream("Lifespan.Actors.reference.conf")
            ?? throw new InvalidOperationException("The embedded reference.conf is missing from Lifespan.Actors.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal void Validate()
    {
        Tasks.Validate();
        Sessions.Validate();
    }
}
