using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Lifespan.Actors.Generators;

/// <summary>An immutable array compared by its items, so that pipeline models cache.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items;

    public int Length => _items?.Length ?? 0;

    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? [];
        var b = other._items ?? [];
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var item in _items ?? [])
        {
            hash = unchecked((hash * 31) + (item?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A type the state class is nested in: <c>partial {Keyword} {Name}</c>.</summary>
internal sealed record ContainerModel(string Keyword, string Name);

/// <summary>A state var: one partial property to implement.</summary>
internal sealed record VarModel(
    string PropertyName,
    string JsonName,
    string FieldName,
    string Type,
    string FieldInitializer,
    string ConstructibleType,
    bool IsTrackedCollection,
    bool IsBackend,
    string Modifiers,
    string GetterModifiers,
    string SetterModifiers);

/// <summary>A diagnostic to report, with its location as plain values.</summary>
internal sealed record DiagnosticModel(string Id, string Argument, string Detail, string FilePath, TextSpan Span, LinePositionSpan LineSpan);

/// <summary>A state class to generate, described without symbols.</summary>
internal sealed record StateClassModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainerModel> Containers,
    string Name,
    bool CallBase,
    string OverrideAccessibility,
    EquatableArray<VarModel> Vars,
    EquatableArray<DiagnosticModel> Diagnostics);
