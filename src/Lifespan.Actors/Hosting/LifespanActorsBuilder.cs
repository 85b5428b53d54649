namespace Lifespan.Actors.Hosting;

/// <summary>Configures the actor system that <see cref="LifespanActorsServiceCollectionExtensions.AddLifespanActors"/> registers.</summary>
public sealed class LifespanActorsBuilder
{
    internal LifespanActorsBuilder() { }

    /// <summary>The actor system's name. Default <c>lifespan</c>.</summary>
    public string SystemName { get; set; } = "lifespan";

    /// <summary>Changes the actor system's options before it is created (logging and services are filled in from the host).</summary>
    public Action<ActorSystemOptions>? ConfigureSystem { get; set; }
}
