namespace Lifespan.Actors.Configuration;

/// <summary>
/// A value concatenation that contains substitutions (<c>${a} b</c>, <c>${list} [4]</c>, <c>${base} { x = 1 }</c>);
/// whether it is a string, array or object is known only after resolution.
/// </summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconValue> parts, HoconLocation location) : HoconValue(location)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public override bool IsDeferred => true;

    public override string Describe() => "a value concatenation";
}
