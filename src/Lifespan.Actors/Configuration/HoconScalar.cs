namespace Lifespan.Actors.Configuration;

/// <summary>
/// A string, number (kept as written), boolean or null. Whitespace between the parts of a value
/// concatenation is a string scalar with <see cref="IsWhitespace"/> set, since it is ignored when arrays or objects are joined.
/// </summary>
internal sealed class HoconScalar(HoconScalarKind kind, string text, HoconLocation location, bool isWhitespace = false)
    : HoconValue(location)
{
    public HoconScalarKind Kind { get; } = kind;

    /// <summary>The string value, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text { get; } = text;

    public bool IsWhitespace { get; } = isWhitespace;

    public static HoconScalar String(string text, HoconLocation location) => new(HoconScalarKind.String, text, location);

    public override string Describe() => IsWhitespace ? "whitespace" : Kind switch
    {
        HoconScalarKind.String => "a string",
        HoconScalarKind.Number => "a number",
        HoconScalarKind.Boolean => "a boolean",
        _ => "null",
    };
}
