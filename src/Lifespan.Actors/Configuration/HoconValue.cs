namespace Lifespan.Actors.Configuration;

/// <summary>A node of the parsed document: an object, array, scalar, or a value deferred until substitutions are resolved.</summary>
internal abstract class HoconValue(HoconLocation location)
{
    public HoconLocation Location { get; } = location;

    /// <summary>True for substitutions, concatenations containing them and delayed merges: the type is known only after resolution.</summary>
    public virtual bool IsDeferred => false;

    /// <summary>A name for the value's type in error messages.</summary>
    public abstract string Describe();
}
