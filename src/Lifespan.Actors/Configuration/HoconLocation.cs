namespace Lifespan.Actors.Configuration;

/// <summary>A 1-based position in a HOCON source.</summary>
internal readonly record struct HoconLocation(string? FileName, int Line, int Column)
{
    public static string Format(string? fileName, int line, int column) => $"{fileName ?? "<string>"}({line},{column})";

    public HoconParseException Error(string reason) => new(reason, FileName, Line, Column);

    public override string ToString() => Format(FileName, Line, Column);
}
