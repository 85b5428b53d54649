
namespace Lifespan.Actors.State;

/// <summary>
/// A tracked collection whose contents a refresh of its state replaces in place, so that a reference to it taken
/// before the refresh (before a background task's lock, say) stays the var's own collection.
/// </summary>
/// <typeparam name="TCollection">The collection's own type, as the new contents are read from JSON.</typeparam>
internal interface IRefillable<in TCollection>
{
    /// <summary>Replaces the contents with those of <paramref name="source"/> (none when it is <see langword="null"/>), reporting no change.</summary>
    void Refill(TCollection? source);
}
