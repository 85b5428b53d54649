using System.Globalization;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// The HOCON "units format": optional whitespace, a number, optional whitespace, an optional unit made of letters, optional whitespace.
/// </summary>
internal static class HoconUnits
{
    /// <summary>
    /// Multiplies the number in <paramref name="value"/> by the factor of its unit and truncates toward zero.
    /// False when the text is malformed, the unit unknown, or the result outside the range of <see cref="long"/>.
    /// </summary>
    public static bool TryParse(string? value, IReadOnlyDictionary<string, decimal> factors, out long result)
    {
        result = 0;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        var unitStart = text.Length;
        while (unitStart > 0 && char.IsLetter(text[unitStart - 1]))
        {
            unitStart--;
        }

        var number = text[..unitStart].TrimEnd();
        if (number.IsEmpty
            || !char.IsAsciiDigit(number[^1])
            || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var amount)
            || !factors.TryGetValue(text[unitStart..].ToString(), out var factor))
        {
            return false;
        }

        try
        {
            var product = decimal.Truncate(amount * factor);
            if (product is < long.MinValue or > long.MaxValue)
            {
                return false;
            }

            result = (long)product;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
