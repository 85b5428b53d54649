using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Configuration;

/// <summary>HOCON text as a configuration source; includes resolve relative to the current directory.</summary>
internal sealed class HoconStringConfigurationSource(string text) : IConfigurationSource
{
    public string Text { get; } = text;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStringConfigurationProvider(Text);
}
