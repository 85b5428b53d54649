namespace Lifespan.Actors.Configuration;

/// <summary>An object: fields in the order they were first defined. Keys are case-sensitive, as HOCON requires.</summary>
internal sealed class HoconObject(HoconLocation location, bool isResolved = false) : HoconValue(location)
{
    public OrderedDictionary<string, HoconValue> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>True for objects produced by substitution resolution: every field is a plain value.</summary>
    public bool IsResolved { get; } = isResolved;

    public override string Describe() => "an object";
}
