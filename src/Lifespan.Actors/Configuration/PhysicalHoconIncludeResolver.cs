namespace Lifespan.Actors.Configuration;

/// <summary>Includes from the file system, relative to the including file's directory, or to <see cref="BaseDirectory"/> for text that is not from a file.</summary>
internal sealed class PhysicalHoconIncludeResolver(string baseDirectory) : IHoconIncludeResolver
{
    public string BaseDirectory { get; } = Path.GetFullPath(baseDirectory);

    public static PhysicalHoconIncludeResolver CurrentDirectory() => new(Directory.GetCurrentDirectory());

    /// <summary>The full path of <paramref name="fileName"/>, which is how included files are named.</summary>
    public string Identify(string fileName) => Path.GetFullPath(fileName, BaseDirectory);

    public IReadOnlyList<HoconIncludedFile> Resolve(string? includingFile, string name)
    {
        var directory = includingFile is null ? BaseDirectory : Path.GetDirectoryName(Identify(includingFile)) ?? BaseDirectory;
        var path = Path.GetFullPath(name, directory);
        var candidates = File.Exists(path) || Path.HasExtension(name) ? [path] : new[] { path + ".json", path + ".conf" };
        return [.. candidates.Where(File.Exists).Select(p => new HoconIncludedFile(p, File.ReadAllText(p)))];
    }
}
