using System.Globalization;

namespace Lifespan.Actors.Configuration;

/// <summary>Parses HOCON durations such as <c>5s</c>, <c>100 ms</c>, <c>2 minutes</c> or <c>1.5h</c>.</summary>
public static class HoconDuration
{
    private const string Accepted =
        "a number with an optional unit: ns, us, ms, s, m, h, d or the long forms nanosecond(s)/nanos, microsecond(s)/micros, "
        + "millisecond(s)/millis, second(s), minute(s), hour(s), day(s) (units are lowercase; no unit means milliseconds), "
        + "or a TimeSpan such as 00:00:05";

    private static readonly Dictionary<string, decimal> Units = Build();

    /// <summary>
    /// Parses <paramref name="value"/>: a number with an optional lowercase unit (<c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>,
    /// <c>m</c>, <c>h</c>, <c>d</c> or their long forms; a bare number is milliseconds), or a .NET <see cref="TimeSpan"/> such as <c>00:00:05</c>.
    /// The result is truncated to whole ticks (100 ns).
    /// </summary>
    /// <exception cref="FormatException">The value is not a duration; the message lists the accepted units.</exception>
    public static TimeSpan Parse(string value) =>
        TryParse(value, out var result) ? result : throw new FormatException($"'{value}' is not a valid duration; expected {Accepted}.");

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? value, out TimeSpan result)
    {
        result = TimeSpan.Zero;
        if (value is null)
        {
            return false;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out result);
        }

        if (!HoconUnits.TryParse(value, Units, out var ticks))
        {
            return false;
        }

        result = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { [string.Empty] = TimeSpan.TicksPerMillisecond };
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;

        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }
    }
}
