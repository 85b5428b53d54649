using System.Globalization;
using Lifespan.Actors.Configuration;
using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.TestKit;

/// <summary>Settings of a <see cref="TestKit"/>.</summary>
public sealed class TestKitOptions
{
    /// <summary>The environment variable that overrides <see cref="TimeFactor"/> (for slow CI machines).</summary>
    public const string TimeFactorVariable = "LIFESPAN_TEST_TIME_FACTOR";

    /// <summary>
    /// Multiplies every timeout the TestKit uses (defaults and explicit ones). Default 1, or the value of
    /// <see cref="TimeFactorVariable"/> when it is set; a value there that is not a positive number throws.
    /// </summary>
    public double TimeFactor { get; set; } = ReadTimeFactor();

    /// <summary>The timeout of an expectation that names none, before dilation. Default 3 seconds.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the end of a test waits for its actor system to terminate, before dilation. Default 10 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Changes the options of each test's actor system before it is created.</summary>
    public Action<ActorSystemOptions>? ConfigureSystem { get; set; }

    /// <summary>
    /// Options from the <c>lifespan.test</c> section of <paramref name="configuration"/> (<c>time-factor</c>,
    /// <c>default-timeout</c>; see <c>hocon/reference.conf</c>); the environment variable still wins for the time factor.
    /// </summary>
    public static TestKitOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("lifespan:test");
        var options = new TestKitOptions();
        if (Environment.GetEnvironmentVariable(TimeFactorVariable) is null)
        {
            options.TimeFactor = section.GetValue("time-factor", options.TimeFactor);
        }

        options.DefaultTimeout = section.GetDuration("default-timeout", options.DefaultTimeout);
        return options;
    }

    internal TimeSpan Dilate(TimeSpan duration)
    {
        if (TimeFactor <= 0 || double.IsNaN(TimeFactor))
        {
            throw new InvalidOperationException($"TestKitOptions.TimeFactor must be positive; it is {TimeFactor}.");
        }

        return duration == Timeout.InfiniteTimeSpan ? duration : duration * TimeFactor;
    }

    private static double ReadTimeFactor() => ParseTimeFactor(Environment.GetEnvironmentVariable(TimeFactorVariable));

    /// <summary>The time factor <paramref name="value"/> (the environment variable's text) states: 1 when it is unset or empty.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is not a positive number with a '.' for decimals.</exception>
    internal static double ParseTimeFactor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1.0;
        }

        // NumberStyles.Float, not the default Float | AllowThousands, which reads "2,5" as 25.
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor)
            ? factor
            : throw new InvalidOperationException(
                $"{TimeFactorVariable} must be a positive number such as 2 or 1.5 (a '.' for decimals); it is '{value}'.");
    }
}
