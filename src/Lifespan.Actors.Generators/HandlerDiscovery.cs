using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Finds the event handlers of a state class: its public instance methods with a supported return type, and an
/// implicit <c>Set{Var}</c> setter for each public var with a public setter.
/// </summary>
internal sealed class HandlerDiscovery
{
    private readonly INamedTypeSymbol? _task;
    private readonly INamedTypeSymbol? _valueTask;
    private readonly INamedTypeSymbol? _event;
    private readonly INamedTypeSymbol? _taskOfEvent;
    private readonly INamedTypeSymbol? _valueTaskOfEvent;
    private readonly INamedTypeSymbol? _enumerableOfEvent;
    private readonly INamedTypeSymbol? _asyncEnumerableOfEvent;
    private readonly INamedTypeSymbol? _cancellationToken;

    public HandlerDiscovery(Compilation compilation)
    {
        _task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        _valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        _event = compilation.GetTypeByMetadataName("Lifespan.Actors.State.StateEvent");
        _cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        _taskOfEvent = Construct(compilation, "System.Threading.Tasks.Task`1");
        _valueTaskOfEvent = Construct(compilation, "System.Threading.Tasks.ValueTask`1");
        _enumerableOfEvent = Construct(compilation, "System.Collections.Generic.IEnumerable`1");
        _asyncEnumerableOfEvent = Construct(compilation, "System.Collections.Generic.IAsyncEnumerable`1");
    }

    private enum Shape
    {
        Unsupported,
        Sync,
        Async,
    }

    /// <summary>The handlers <paramref name="type"/> declares; reports why a public method is not one to <paramref name="diagnostics"/>.</summary>
    public List<HandlerModel> Discover(INamedTypeSymbol type, List<DiagnosticModel>? diagnostics, CancellationToken ct)
    {
        var handlers = new List<HandlerModel>();
        var names = new HashSet<string>();
        foreach (var member in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false } method
                && Describe(method, diagnostics) is { } handler)
            {
                if (names.Add(handler.Name))
                {
                    handlers.Add(handler);
                }
                else
                {
                    diagnostics?.Add(StateGenerator.Diagnostic("LSA0007", method.Name, "overloaded handlers are not supported; give each handler its own name", method));
                }
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol
                {
                    IsPartialDefinition: true, IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public,
                    GetMethod: not null, SetMethod: { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false },
                } property
                && !DeclaresMethod(type, "Set" + property.Name))
            {
                var value = new ParameterModel("value", "value", property.Type.ToDisplayString(StateGenerator.TypeFormat), null, false);
                handlers.Add(new HandlerModel(
                    "Set" + property.Name,
                    "Set" + property.Name,
                    new EquatableArray<ParameterModel>([value]),
                    ReturnsVoid: true,
                    IsBackground: false,
                    CancelOnDisconnect: false,
                    SetterProperty: Identifier(property.Name)));
            }
        }

        return handlers;
    }

    /// <summary>The handlers of <paramref name="type"/>'s generated base classes that it does not replace, base-most first.</summary>
    public List<HandlerModel> Inherited(INamedTypeSymbol type, List<HandlerModel> own, CancellationToken ct)
    {
        var levels = new List<List<HandlerModel>>();
        for (var b = type.BaseType; b is not null && !StateGenerator.IsState(b); b = b.BaseType)
        {
            // A base class of another assembly lists its whole chain's handlers in its generated Events class.
            var fromSource = b.DeclaringSyntaxReferences.Length > 0;
            levels.Insert(0, fromSource ? Discover(b, null, ct) : FromEvents(b));
            if (!fromSource)
            {
                break;
            }
        }

        levels.Add(own);
        var all = new List<HandlerModel>();
        foreach (var level in levels)
        {
            var replaced = new HashSet<string>();
            foreach (var h in level)
            {
                replaced.Add(h.Name);
            }

            all.RemoveAll(h => replaced.Contains(h.Name));
            if (level != own)
            {
                all.AddRange(level);
            }
        }

        return all;
    }

    private HandlerModel? Describe(IMethodSymbol method, List<DiagnosticModel>? diagnostics)
    {
        var isBackground = StateGenerator.IsBackgroundTask(method, out var cancelOnDisconnect);
        var shape = method.ReturnsVoid ? Shape.Sync : Classify(method.ReturnType);
        if (isBackground && shape != Shape.Async)
        {
            diagnostics?.Add(StateGenerator.Diagnostic("LSA0001", method.Name, string.Empty, method));
            return null;
        }

        if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic || method.IsOverride)
        {
            if (isBackground)
            {
                diagnostics?.Add(StateGenerator.Diagnostic("LSA0007", method.Name, "a background task must be a public instance method that is not an override", method));
            }

            return null;
        }

        string? problem = null;
        if (method.IsGenericMethod)
        {
            problem = "generic methods cannot be bound from an event";
        }
        else if (shape == Shape.Unsupported)
        {
            diagnostics?.Add(StateGenerator.Diagnostic("LSA0005", method.Name, method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), method));
            return null;
        }
        else if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            problem = "ref returns are not supported";
        }

        var parameters = new List<ParameterModel>();
        foreach (var p in method.Parameters)
        {
            if (problem is not null)
            {
                break;
            }

            if (p.RefKind != RefKind.None)
            {
                problem = "ref, out and in parameters cannot be bound from a payload";
            }
            else if (p.IsParams)
            {
                problem = "params parameters cannot be bound from a payload";
            }
            else if (p.Type.IsRefLikeType || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                problem = $"parameter '{p.Name}' is a ref struct or a pointer, which cannot be bound from a payload";
            }
            else
            {
                var isToken = SymbolEqualityComparer.Default.Equals(p.Type, _cancellationToken);
                var type = p.Type.ToDisplayString(StateGenerator.TypeFormat);
                parameters.Add(new ParameterModel(Identifier(p.Name), p.Name, type, isToken ? null : ConstantFormatter.DefaultValue(p), isToken));
            }
        }

        if (problem is not null)
        {
            diagnostics?.Add(StateGenerator.Diagnostic("LSA0007", method.Name, problem, method));
            return null;
        }

        return new HandlerModel(
            method.Name,
            Identifier(method.Name),
            new EquatableArray<ParameterModel>([.. parameters]),
            method.ReturnsVoid,
            isBackground,
            cancelOnDisconnect,
            SetterProperty: null);
    }

    /// <summary>Reads a base class of another assembly's handlers from its generated <c>Events</c> class.</summary>
    private List<HandlerModel> FromEvents(INamedTypeSymbol type)
    {
        var handlers = new List<HandlerModel>();
        foreach (var events in type.GetTypeMembers("Events"))
        {
            foreach (var member in events.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true, DeclaredAccessibility: Accessibility.Public } method
                    && SymbolEqualityComparer.Default.Equals(method.ReturnType, _event))
                {
                    var parameters = new List<ParameterModel>();
                    foreach (var p in method.Parameters)
                    {
                        parameters.Add(new ParameterModel(Identifier(p.Name), p.Name, p.Type.ToDisplayString(StateGenerator.TypeFormat), ConstantFormatter.DefaultValue(p), false));
                    }

                    handlers.Add(new HandlerModel(method.Name, Identifier(method.Name), new EquatableArray<ParameterModel>([.. parameters]), false, false, false, null));
                }
            }
        }

        return handlers;
    }

    private Shape Classify(ITypeSymbol type)
    {
        if (Is(type, _task) || Is(type, _valueTask) || Is(type, _taskOfEvent) || Is(type, _valueTaskOfEvent) || Is(type, _asyncEnumerableOfEvent))
        {
            return Shape.Async;
        }

        return Is(type, _event) || Is(type, _enumerableOfEvent) ? Shape.Sync : Shape.Unsupported;
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    private static bool DeclaresMethod(INamedTypeSymbol type, string name)
    {
        for (var t = type; t is not null && !StateGenerator.IsState(t); t = t.BaseType)
        {
            foreach (var member in t.GetMembers(name))
            {
                if (member is IMethodSymbol)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private INamedTypeSymbol? Construct(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { } generic && _event is not null ? generic.Construct(_event) : null;
}
