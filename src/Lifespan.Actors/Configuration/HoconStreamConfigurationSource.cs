using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>HOCON read from a <see cref="Stream"/> as an <see cref="IConfigurationSource"/>; includes resolve relative to the current directory.</summary>
public class HoconStreamConfigurationSource : StreamConfigurationSource
{
    /// <summary>Builds the <see cref="HoconStreamConfigurationProvider"/> for this source.</summary>
    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStreamConfigurationProvider(this);
}
