using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>Loads HOCON text; reloading parses it again (re-reading included files and environment variables).</summary>
internal sealed class HoconStringConfigurationProvider(string text) : ConfigurationProvider
{
    public override void Load() => Data = HoconDocument.Load(text, fileName: null, PhysicalHoconIncludeResolver.CurrentDirectory());
}
