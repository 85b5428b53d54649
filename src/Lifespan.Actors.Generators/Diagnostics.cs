using Microsoft.CodeAnalysis;

namespace Lifespan.Actors.Generators;

/// <summary>The diagnostics the state generator reports.</summary>
public static class StateDiagnostics
{
    private const string Category = "Lifespan.Actors";

    /// <summary>LSA0001: a [BackgroundTask] method that is not async.</summary>
    public static readonly DiagnosticDescriptor BackgroundTaskMustBeAsync = new(
        "LSA0001",
        "Background task must be async",
        "Background task '{0}' must be async: return Task, ValueTask or IAsyncEnumerable<StateEvent?>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0002: a partial state var without both a get and a set accessor.</summary>
    public static readonly DiagnosticDescriptor StateVarNeedsGetAndSet = new(
        "LSA0002",
        "State var needs get and set accessors",
        "State var '{0}' must declare both a get and a set accessor (init-only and get-only state vars are not supported)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0004: a partial state var declared in a way the generator does not implement.</summary>
    public static readonly DiagnosticDescriptor UnsupportedStateVar = new(
        "LSA0004",
        "Unsupported state var declaration",
        "State var '{0}' cannot be generated: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0005: a public method whose return type does not make it an event handler.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandlerReturnType = new(
        "LSA0005",
        "Public method is not an event handler",
        "Public method '{0}' returns '{1}', so it is not an event handler; make it non-public, or return void, Task, ValueTask, StateEvent?, IEnumerable<StateEvent?> or IAsyncEnumerable<StateEvent?>",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <summary>LSA0006: a direct call of a background task, which only an event can start, or its conversion to a delegate.</summary>
    public static readonly DiagnosticDescriptor BackgroundTaskCalledDirectly = new(
        "LSA0006",
        "Background task called directly",
        "Background task '{0}' cannot be {2}; return {1}.Events.{0}() from an event handler to start it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0007: a public method whose signature cannot be bound from an event.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandler = new(
        "LSA0007",
        "Unsupported event handler",
        "'{0}' cannot be an event handler: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0008: a state var holding a collection that can change in place without a delta (a mutable collection, or collections nested in a tracked one).</summary>
    public static readonly DiagnosticDescriptor UntrackedCollectionVar = new(
        "LSA0008",
        "State var collection changes are not tracked",
        "In-place changes to state var '{0}' are not tracked: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>LSA0009: a class deriving from State that is not partial, so that nothing can be generated for it.</summary>
    public static readonly DiagnosticDescriptor StateClassNotPartial = new(
        "LSA0009",
        "State class must be partial",
        "State class '{0}' must be declared partial, so that its vars, handlers and Events can be generated: 'public partial class {0}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    internal static DiagnosticDescriptor? Find(string id) => id switch
    {
        "LSA0001" => BackgroundTaskMustBeAsync,
        "LSA0002" => StateVarNeedsGetAndSet,
        "LSA0004" => UnsupportedStateVar,
        "LSA0005" => UnsupportedHandlerReturnType,
        "LSA0006" => BackgroundTaskCalledDirectly,
        "LSA0007" => UnsupportedHandler,
        "LSA0008" => UntrackedCollectionVar,
        "LSA0009" => StateClassNotPartial,
        _ => null,
    };
}
