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
        "Background task '{0}' must be async: return Task or ValueTask",
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

    internal static DiagnosticDescriptor? Find(string id) => id switch
    {
        "LSA0001" => BackgroundTaskMustBeAsync,
        "LSA0002" => StateVarNeedsGetAndSet,
        "LSA0004" => UnsupportedStateVar,
        _ => null,
    };
}
