namespace Lifespan.Actors.Configuration;

/// <summary>
/// Successive values of one field where a later one is deferred (or a later object lands on a deferred one),
/// so the merge is decided after resolution: each layer replaces the result so far, or merges into it when both are objects.
/// Undefined layers (a missing <c>${?x}</c>) leave the result so far in place; a self-reference in layer i sees layers before i.
/// </summary>
internal sealed class HoconDelayedMerge(IEnumerable<HoconValue> layers, HoconLocation location) : HoconValue(location)
{
    public List<HoconValue> Layers { get; } = [.. layers];

    public override bool IsDeferred => true;

    public override string Describe() => "a merged value";
}
