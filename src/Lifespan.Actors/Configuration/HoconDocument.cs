namespace Lifespan.Actors.Configuration;

/// <summary>Reads HOCON into flattened configuration keys, as the HOCON configuration providers do.</summary>
public static class HoconDocument
{
    /// <summary>
    /// Parses <paramref name="text"/>, merges includes and resolves substitutions, and returns configuration keys
    /// (<c>a:b:0</c>) with their values; keys compare case-insensitively.
    /// </summary>
    /// <param name="text">The HOCON text.</param>
    /// <param name="fileName">Names the text in error messages; includes resolve relative to its directory (the current directory when null).</param>
    /// <exception cref="HoconParseException">The text is malformed, a required substitution or include is missing, or two paths differ only in case.</exception>
    public static IReadOnlyDictionary<string, string?> Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Load(text, fileName, PhysicalHoconIncludeResolver.CurrentDirectory());
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, string?> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        return Load(File.ReadAllText(fullPath), fullPath, new PhysicalHoconIncludeResolver(Path.GetDirectoryName(fullPath)!));
    }

    internal static Dictionary<string, string?> Load(string text, string? fileName, IHoconIncludeResolver includes) =>
        HoconFlattener.Flatten(HoconResolver.Resolve(HoconParser.Parse(text, fileName, includes)));
}
