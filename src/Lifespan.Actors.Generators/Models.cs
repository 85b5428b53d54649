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
/// <param name="IsMutableReference">Whether the var is of a reference type other than string, so that writing back the object it holds is a write (it may have changed in place).</param>
internal sealed record VarModel(
    string PropertyName,
    string JsonName,
    string FieldName,
    string Type,
    string FieldInitializer,
    string ConstructibleType,
    bool IsTrackedCollection,
    bool IsMutableReference,
    bool IsBackend,
    string Modifiers,
    string GetterModifiers,
    string SetterModifiers);

/// <summary>A diagnostic to report, with its location as plain values.</summary>
internal sealed record DiagnosticModel(string Id, string Argument, string Detail, string FilePath, TextSpan Span, LinePositionSpan LineSpan);

/// <summary>A parameter of an event handler.</summary>
/// <param name="Identifier">Its name as a C# identifier (<c>@</c>-escaped when a keyword).</param>
/// <param name="Name">Its name as the payload addresses it.</param>
/// <param name="Type">Its fully qualified type, nullable annotations kept.</param>
/// <param name="DefaultValue">Its default value as a C# constant expression, or <see langword="null"/> when it has none.</param>
/// <param name="IsCancellationToken">Whether it is passed the invoker's token instead of being bound from the payload.</param>
internal sealed record ParameterModel(string Identifier, string Name, string Type, string? DefaultValue, bool IsCancellationToken);

/// <summary>An event handler: a public method of a state class, or the implicit setter of a public var.</summary>
/// <param name="Name">The method's name (the event addresses it as <c>StateName.Name</c>).</param>
/// <param name="Identifier">The method's name as a C# identifier.</param>
/// <param name="Parameters">Its parameters, payload-bound and cancellation tokens, in declaration order.</param>
/// <param name="ReturnsVoid">Whether the method returns nothing.</param>
/// <param name="IsBackground">Whether it is marked <c>[BackgroundTask]</c>.</param>
/// <param name="CancelOnDisconnect">The <c>[BackgroundTask(CancelOnDisconnect = ...)]</c> setting.</param>
/// <param name="SetterProperty">The property an implicit setter assigns, or <see langword="null"/> for a method.</param>
internal sealed record HandlerModel(
    string Name,
    string Identifier,
    EquatableArray<ParameterModel> Parameters,
    bool ReturnsVoid,
    bool IsBackground,
    bool CancelOnDisconnect,
    string? SetterProperty);

/// <summary>A state class to generate, described without symbols.</summary>
/// <param name="SimpleName">The class's name without type parameters, as events address it.</param>
/// <param name="FullName">The class's fully qualified name, as invokers cast to it.</param>
/// <param name="Handlers">The handlers this class declares (methods and implicit setters).</param>
/// <param name="InheritedHandlers">The handlers of generated base classes this class does not replace.</param>
internal sealed record StateClassModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainerModel> Containers,
    string Name,
    string SimpleName,
    string FullName,
    bool CallBase,
    string OverrideAccessibility,
    EquatableArray<VarModel> Vars,
    EquatableArray<HandlerModel> Handlers,
    EquatableArray<HandlerModel> InheritedHandlers,
    EquatableArray<DiagnosticModel> Diagnostics);
