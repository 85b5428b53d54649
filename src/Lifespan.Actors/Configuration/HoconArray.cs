namespace Lifespan.Actors.Configuration;

/// <summary>An array of values.</summary>
internal sealed class HoconArray(HoconLocation location, bool isResolved = false) : HoconValue(location)
{
    public List<HoconValue> Items { get; } = [];

    /// <summary>True for arrays produced by substitution resolution: every item is a plain value.</summary>
    public bool IsResolved { get; } = isResolved;

    public override string Describe() => "an array";
}
