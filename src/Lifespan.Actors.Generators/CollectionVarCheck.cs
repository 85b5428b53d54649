using Microsoft.CodeAnalysis;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Which state var types hold a collection that can change in place without the var being written, so that no delta
/// would carry the change (LSA0008): mutable collections other than <c>StateList&lt;T&gt;</c> and
/// <c>StateDictionary&lt;TKey, TValue&gt;</c>, and tracked collections whose items are collections.
/// </summary>
internal static class CollectionVarCheck
{
    private const string StateNamespace = "Lifespan.Actors.State";

    /// <summary>Whether <paramref name="type"/> is <c>StateList&lt;T&gt;</c> or <c>StateDictionary&lt;TKey, TValue&gt;</c>, whose changes are tracked.</summary>
    public static bool IsTracked(ITypeSymbol type) =>
        type is INamedTypeSymbol { MetadataName: "StateList`1" or "StateDictionary`2" } named
        && named.ContainingNamespace?.ToDisplayString() == StateNamespace;

    /// <summary>Why in-place changes to a var of <paramref name="type"/> would be lost, or <see langword="null"/> when they are tracked or cannot happen.</summary>
    public static string? Problem(ITypeSymbol type)
    {
        var shown = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (IsTracked(type))
        {
            var arguments = ((INamedTypeSymbol)type).TypeArguments;
            var items = arguments[arguments.Length - 1];   // a list's items, a dictionary's values
            return IsTracked(items) || IsMutable(items)
                ? $"'{shown}' holds collections as its items, and changes to an inner collection are not tracked; " +
                  "use a record or an immutable collection for the inner values"
                : null;
        }

        return IsMutable(type)
            ? $"'{shown}' is a mutable collection; declare it as StateList<T> or StateDictionary<TKey, TValue> instead, " +
              "or as an immutable collection or record that is replaced as a whole"
            : null;
    }

    /// <summary>Whether <paramref name="type"/> is an array, or a collection with <c>Add</c> or an indexer setter that is neither tracked nor read-only.</summary>
    private static bool IsMutable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || IsTracked(named) || IsReadOnly(named))
        {
            return false;
        }

        if (IsMutableContract(named))
        {
            return true;
        }

        foreach (var contract in named.AllInterfaces)
        {
            if (IsMutableContract(contract))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <c>ICollection&lt;T&gt;</c>, <c>IList</c> or <c>IDictionary</c>: the interfaces every mutable collection implements.</summary>
    private static bool IsMutableContract(INamedTypeSymbol type) => type.MetadataName switch
    {
        "ICollection`1" => type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic",
        "IList" or "IDictionary" => type.ContainingNamespace?.ToDisplayString() == "System.Collections",
        _ => false,
    };

    /// <summary>Whether <paramref name="type"/> is an immutable, frozen or read-only collection, which implements the mutable interfaces only to refuse their changes.</summary>
    private static bool IsReadOnly(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() switch
    {
        "System.Collections.Immutable" or "System.Collections.Frozen" => true,
        "System.Collections.ObjectModel" => type.Name.StartsWith("ReadOnly", System.StringComparison.Ordinal),
        _ => false,
    };
}
