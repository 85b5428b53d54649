using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// A HOCON file as an <see cref="IConfigurationSource"/>. Includes resolve relative to the file; with
/// <see cref="FileConfigurationSource.ReloadOnChange"/> only the file itself is watched, not the files it includes.
/// </summary>
public class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>Builds the <see cref="HoconConfigurationProvider"/> for this source.</summary>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
