using System.Text;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// Joins the parts of a value concatenation: simple values become one string (whitespace between them kept),
/// arrays are appended, objects are merged. Mixing strings with arrays or objects, or arrays with objects, is an error.
/// </summary>
internal static class HoconConcatenator
{
    /// <summary>
    /// Joins <paramref name="parts"/>; each has its value (null when an optional substitution is undefined) and the part as written.
    /// Returns null when every non-whitespace part is undefined.
    /// </summary>
    public static HoconValue? Join(IReadOnlyList<(HoconValue? Value, HoconValue Source)> parts, bool resolved)
    {
        var significant = parts.Where(p => p.Value is not null and not HoconScalar { IsWhitespace: true }).ToList();
        if (significant.Count == 0)
        {
            return null;
        }

        var first = significant[0];
        if (!significant.Any(p => p.Value is HoconObject or HoconArray))
        {
            return JoinStrings(parts, first.Source.Location);
        }

        var mismatch = significant.FirstOrDefault(p => p.Value!.GetType() != first.Value!.GetType());
        if (mismatch.Value is not null)
        {
            throw mismatch.Source.Location.Error(
                $"cannot concatenate {first.Value!.Describe()} with {mismatch.Value.Describe()}"
                + $"{(mismatch.Source is HoconSubstitution s ? $" (from {s.Describe()})" : string.Empty)}; "
                + "a value concatenation joins strings, arrays with arrays, or objects with objects");
        }

        if (first.Value is HoconArray)
        {
            var array = new HoconArray(first.Source.Location, resolved);
            foreach (var part in significant)
            {
                array.Items.AddRange(((HoconArray)part.Value!).Items);
            }

            return array;
        }

        var result = (HoconObject)first.Value!;
        foreach (var part in significant.Skip(1))
        {
            var next = (HoconObject)part.Value!;
            if (resolved)
            {
                result = HoconMerge.Resolved(result, next);
            }
            else
            {
                foreach (var (key, value) in next.Fields)
                {
                    HoconMerge.Assign(result, key, value);
                }
            }
        }

        return result;
    }

    private static HoconScalar JoinStrings(IReadOnlyList<(HoconValue? Value, HoconValue Source)> parts, HoconLocation location)
    {
        var builder = new StringBuilder();
        foreach (var (value, source) in parts)
        {
            if (value is HoconScalar scalar)
            {
                // A literal null concatenates as "null"; a substitution that resolves to null as the empty string.
                builder.Append(scalar.Kind == HoconScalarKind.Null && source is HoconSubstitution ? string.Empty : scalar.Text);
            }
        }

        return HoconScalar.String(builder.ToString(), location);
    }
}
