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
    /// <see cref="TimeFactorVariable"/> when it is set (creating options fails if that is not a positive number).
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
    /// <exception cref="ArgumentOutOfRangeException">A setting is not positive; the message names it.</exception>
    public static TestKitOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("lifespan:test");
        var options = new TestKitOptions();
        if (Environment.GetEnvironmentVariable(TimeFactorVariable) is null)
        {
            var factor = section.GetValue("time-factor", options.TimeFactor);
            options.TimeFactor = IsValidFactor(factor)
                ? factor
                : throw new ArgumentOutOfRangeException(nameof(configuration), factor, $"lifespan.test.time-factor must be a positive number (it is {factor.ToString(CultureInfo.InvariantCulture)}).");
        }

        var timeout = section.GetDuration("default-timeout", options.DefaultTimeout);
        options.DefaultTimeout = timeout > TimeSpan.Zero
            ? timeout
            : throw new ArgumentOutOfRangeException(nameof(configuration), timeout, $"lifespan.test.default-timeout must be positive (it is {timeout}).");
        return options;
    }

    internal TimeSpan Dilate(TimeSpan duration)
    {
        if (!IsValidFactor(TimeFactor))
        {
            throw new InvalidOperationException($"TestKitOptions.TimeFactor must be positive; it is {TimeFactor}.");
        }

        return duration == Timeout.InfiniteTimeSpan ? duration : duration * TimeFactor;
    }

    private static double ReadTimeFactor() => ParseTimeFactor(Environment.GetEnvironmentVariable(TimeFactorVariable));

    /// <summary>The value of <see cref="TimeFactorVariable"/>: 1 when unset or empty; anything but a positive number is an error, not ignored.</summary>
    internal static double ParseTimeFactor(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 1.0;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && IsValidFactor(factor)
            ? factor
            : throw new InvalidOperationException(
                $"The environment variable {TimeFactorVariable} is '{raw}'; it must be a positive number such as 2 or 1.5 (with '.' as the decimal point).");
    }

    private static bool IsValidFactor(double factor) => double.IsFinite(factor) && factor > 0;
}
