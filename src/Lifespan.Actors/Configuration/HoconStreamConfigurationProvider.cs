using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>Loads HOCON from a stream into configuration keys, like <see cref="HoconConfigurationProvider"/>.</summary>
public class HoconStreamConfigurationProvider : StreamConfigurationProvider
{
    /// <summary>Creates a provider for <paramref name="source"/>.</summary>
    public HoconStreamConfigurationProvider(HoconStreamConfigurationSource source)
        : base(source)
    {
    }

    /// <summary>Parses the HOCON in <paramref name="stream"/>.</summary>
    /// <exception cref="HoconParseException">The HOCON is malformed or cannot be resolved.</exception>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream);
        Data = HoconDocument.Load(reader.ReadToEnd(), fileName: null, PhysicalHoconIncludeResolver.CurrentDirectory());
    }
}
