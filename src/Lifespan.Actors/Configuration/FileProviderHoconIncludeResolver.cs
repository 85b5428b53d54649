using Microsoft.Extensions.FileProviders;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// Includes through an <see cref="IFileProvider"/> with no physical paths (embedded or in-memory files): names are
/// provider sub-paths resolved against the including file's directory. Absolute names go to the file system.
/// </summary>
internal sealed class FileProviderHoconIncludeResolver(IFileProvider provider) : IHoconIncludeResolver
{
    public IReadOnlyList<HoconIncludedFile> Resolve(string? includingFile, string name)
    {
        if (Path.IsPathRooted(name))
        {
            return PhysicalHoconIncludeResolver.CurrentDirectory().Resolve(null, name);
        }

        var directory = includingFile is null ? string.Empty : Path.GetDirectoryName(includingFile.Replace('\\', '/')) ?? string.Empty;
        var path = Normalize($"{directory}/{name}");
        if (path is null)
        {
            return [];
        }

        var candidates = provider.GetFileInfo(path).Exists || Path.HasExtension(name) ? [path] : new[] { path + ".json", path + ".conf" };
        var files = new List<HoconIncludedFile>();
        foreach (var candidate in candidates)
        {
            var file = provider.GetFileInfo(candidate);
            if (file.Exists && !file.IsDirectory)
            {
                using var reader = new StreamReader(file.CreateReadStream());
                files.Add(new HoconIncludedFile(candidate, reader.ReadToEnd()));
            }
        }

        return files;
    }

    public string Identify(string fileName) => Normalize(fileName) ?? fileName;

    /// <summary>Removes '.' and '..' segments; null when the path climbs above the provider's root.</summary>
    private static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }
}
