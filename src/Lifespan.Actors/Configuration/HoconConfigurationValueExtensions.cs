using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>Reads HOCON durations, sizes and booleans from any <see cref="IConfiguration"/>.</summary>
public static class HoconConfigurationValueExtensions
{
    /// <summary>
    /// The duration at <paramref name="key"/> (<c>5s</c>, <c>100ms</c>, <c>2 minutes</c>, <c>00:00:05</c>; see <see cref="HoconDuration.Parse"/>),
    /// or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is malformed; the message names the key.</exception>
    public static TimeSpan GetDuration(this IConfiguration configuration, string key, TimeSpan defaultValue) =>
        Get(configuration, key, defaultValue, "duration", HoconDuration.Parse);

    /// <summary>
    /// The size in bytes at <paramref name="key"/> (<c>512k</c>, <c>10 MB</c>, <c>1GiB</c>; see <see cref="HoconSize.Parse"/>),
    /// or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is malformed; the message names the key.</exception>
    public static long GetSize(this IConfiguration configuration, string key, long defaultValue) =>
        Get(configuration, key, defaultValue, "size", HoconSize.Parse);

    /// <summary>
    /// The boolean at <paramref name="key"/>, in any of HOCON's spellings (<c>true</c>/<c>false</c>, <c>on</c>/<c>off</c>,
    /// <c>yes</c>/<c>no</c>, in any case), or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is none of those; the message names the key.</exception>
    public static bool GetBoolean(this IConfiguration configuration, string key, bool defaultValue) =>
        Get(configuration, key, defaultValue, "boolean", ParseBoolean);

    private static bool ParseBoolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => throw new FormatException($"'{value}' is not one of true, false, on, off, yes, no."),
    };

    private static T Get<T>(IConfiguration configuration, string key, T defaultValue, string what, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        try
        {
            return parse(value);
        }
        catch (FormatException ex)
        {
            var path = configuration is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, key) : key;
            throw new FormatException($"Configuration key '{path}' does not hold a valid {what}: {ex.Message}", ex);
        }
    }
}
