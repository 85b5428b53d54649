
namespace Lifespan.Actors.State;

/// <summary>The service provider of a state outside a host: it has no services.</summary>
internal sealed class NoServices : IServiceProvider
{
    public static readonly NoServices Instance = new();

    private NoServices()
    {
    }

    public object? GetService(Type serviceType) => null;
}
