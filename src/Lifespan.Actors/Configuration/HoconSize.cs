namespace Lifespan.Actors.Configuration;

/// <summary>Parses HOCON sizes in bytes such as <c>512k</c>, <c>10 MB</c> or <c>1.5GiB</c>.</summary>
public static class HoconSize
{
    private const string Accepted =
        "a number with an optional unit: B, b, byte(s); powers of 1000: kB, MB, GB, TB, PB, EB, ZB, YB or kilobyte(s), megabyte(s), ...; "
        + "powers of 1024: K/k, M/m, G/g, T/t, P/p, E/e, Z/z, Y/y, Ki, KiB, Mi, MiB, ... or kibibyte(s), mebibyte(s), ... "
        + "(no unit means bytes)";

    private static readonly Dictionary<string, decimal> Units = Build();

    /// <summary>
    /// Parses <paramref name="value"/> into bytes: a number with an optional case-sensitive unit from the HOCON table
    /// (<c>kB</c>, <c>MB</c>, ... are powers of 1000; <c>K</c>, <c>k</c>, <c>Ki</c>, <c>KiB</c>, <c>M</c>, <c>m</c>, ... powers of 1024;
    /// a bare number is bytes). Fractions are truncated to whole bytes.
    /// </summary>
    /// <exception cref="FormatException">The value is not a size or does not fit in a <see cref="long"/>; the message lists the accepted units.</exception>
    public static long Parse(string value) =>
        TryParse(value, out var result) ? result : throw new FormatException($"'{value}' is not a valid size in bytes; expected {Accepted}.");

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? value, out long bytes) => HoconUnits.TryParse(value, Units, out bytes);

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { string.Empty, "B", "b", "byte", "bytes" })
        {
            units[name] = 1;
        }

        (string Letter, string Decimal, string Binary)[] prefixes =
        [
            ("K", "kilo", "kibi"), ("M", "mega", "mebi"), ("G", "giga", "gibi"), ("T", "tera", "tebi"),
            ("P", "peta", "pebi"), ("E", "exa", "exbi"), ("Z", "zetta", "zebi"), ("Y", "yotta", "yobi"),
        ];
        decimal powerOf1000 = 1, powerOf1024 = 1;
        foreach (var (letter, decimalName, binaryName) in prefixes)
        {
            powerOf1000 *= 1000;
            powerOf1024 *= 1024;
            foreach (var name in new[] { (letter == "K" ? "k" : letter) + "B", decimalName + "byte", decimalName + "bytes" })
            {
                units[name] = powerOf1000;
            }

            foreach (var name in new[] { letter, letter.ToLowerInvariant(), letter + "i", letter + "iB", binaryName + "byte", binaryName + "bytes" })
            {
                units[name] = powerOf1024;
            }
        }

        return units;
    }
}
