using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// Loads a HOCON file into configuration keys: object paths joined with ':', array items as <c>key:0</c>, <c>key:1</c>, ...
/// HOCON keys are case-sensitive but configuration keys are not: two paths that differ only in case are an error.
/// A malformed file fails the load with an <see cref="InvalidDataException"/> whose inner exception is the <see cref="HoconParseException"/>.
/// </summary>
public class HoconConfigurationProvider : FileConfigurationProvider
{
    /// <summary>Creates a provider for <paramref name="source"/>.</summary>
    public HoconConfigurationProvider(HoconConfigurationSource source)
        : base(source)
    {
    }

    /// <summary>Parses the file's content from <paramref name="stream"/>.</summary>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();

        // Physical files include relative to their directory (and may climb above it); other providers' files through the provider.
        var file = Source.FileProvider?.GetFileInfo(Source.Path ?? string.Empty);
        if (file?.PhysicalPath is { } physicalPath)
        {
            Data = HoconDocument.Load(text, physicalPath, new PhysicalHoconIncludeResolver(Path.GetDirectoryName(physicalPath)!));
        }
        else if (Source.FileProvider is { } provider)
        {
            Data = HoconDocument.Load(text, Source.Path, new FileProviderHoconIncludeResolver(provider));
        }
        else
        {
            Data = HoconDocument.Load(text, Source.Path, PhysicalHoconIncludeResolver.CurrentDirectory());
        }
    }
}
