namespace Lifespan.Actors.Configuration;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Path"/> is absolute; for a document included inside an object,
/// the first <see cref="PrefixLength"/> elements are that object's path, and the unprefixed path is tried when the prefixed one is missing.
/// </summary>
internal sealed class HoconSubstitution(IReadOnlyList<string> path, bool optional, int prefixLength, HoconLocation location)
    : HoconValue(location)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    public int PrefixLength { get; } = prefixLength;

    public override bool IsDeferred => true;

    /// <summary>The substitution as written (without the include prefix).</summary>
    public override string Describe() => $"${{{(Optional ? "?" : string.Empty)}{HoconPathExpression.Render(Path.Skip(PrefixLength))}}}";
}
