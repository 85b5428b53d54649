using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>Reads HOCON durations, sizes and booleans from any <see cref="IConfiguration"/>.</summary>
public static class HoconConfigurationValueExtensions
{
    /// <summary>
    /// The duration at <paramref name="key"/> (<c>5s</c>, <c>100ms</c>, <c>2 minutes</c>, <c>00:00:05</c>; see <see cref="HoconDuration.Parse"/>),
    /// or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is malformed, or an object or array; the message names the key.</exception>
    public static TimeSpan GetDuration(this IConfiguration configuration, string key, TimeSpan defaultValue) =>
        Get(configuration, key, defaultValue, "duration", HoconDuration.Parse);

    /// <summary>
    /// The size in bytes at <paramref name="key"/> (<c>512k</c>, <c>10 MB</c>, <c>1GiB</c>; see <see cref="HoconSize.Parse"/>),
    /// or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is malformed, or an object or array; the message names the key.</exception>
    public static long GetSize(this IConfiguration configuration, string key, long defaultValue) =>
        Get(configuration, key, defaultValue, "size", HoconSize.Parse);

    /// <summary>
    /// The boolean at <paramref name="key"/>, in any of HOCON's spellings (<c>true</c>/<c>false</c>, <c>on</c>/<c>off</c>,
    /// <c>yes</c>/<c>no</c>, in any case), or <paramref name="defaultValue"/> when the key is missing or empty.
    /// </summary>
    /// <exception cref="FormatException">The value is none of those, or an object or array; the message names the key.</exception>
    public static bool GetBoolean(this IConfiguration configuration, string key, bool defaultValue) =>
        Get(configuration, key, defaultValue, "boolean", ParseBoolean);

    private static bool ParseBoolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => throw new FormatException($"'{value}' is not one of true, false, on, off, yes, no."),
    };

    /// <summary>
    /// The integer at <paramref name="key"/>, or <paramref name="defaultValue"/> when the key is missing or empty; like
    /// <see cref="GetDuration"/>, a malformed value or an object or array fails naming the key.
    /// </summary>
    internal static int GetInt32(this IConfiguration configuration, string key, int defaultValue) =>
        Get(configuration, key, defaultValue, "integer", ParseInt32);

    private static int ParseInt32(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a whole number between {int.MinValue} and {int.MaxValue}.");

    private static T Get<T>(IConfiguration configuration, string key, T defaultValue, string what, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(key);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            // an object or array written where a single value belongs would otherwise be skipped in silence
            return configuration.GetSection(key).GetChildren().Any()
                ? throw new FormatException($"Configuration key '{PathOf(configuration, key)}' holds an object or array, not a single {what}.")
                : defaultValue;
        }

        try
        {
            return parse(value);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Configuration key '{PathOf(configuration, key)}' does not hold a valid {what}: {ex.Message}", ex);
        }
    }

    private static string PathOf(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section ? ConfigurationPath.Combine(section.Path, key) : key;
}
