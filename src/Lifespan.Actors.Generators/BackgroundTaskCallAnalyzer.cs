using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Reports LSA0006 for a direct call of a <c>[BackgroundTask]</c> method: only an event starts a background task
/// (a handler returns <c>State.Events.Task()</c>), so that it runs beside the session's other events. Generated
/// code, where the state's invokers call the method, is not analyzed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BackgroundTaskCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(StateDiagnostics.BackgroundTaskCalledDirectly);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName("Lifespan.Actors.State.BackgroundTaskAttribute");
            if (attribute is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    if (IsBackgroundTask(invocation.TargetMethod, attribute))
                    {
                        var method = invocation.TargetMethod;
                        operation.ReportDiagnostic(Diagnostic.Create(
                            StateDiagnostics.BackgroundTaskCalledDirectly,
                            invocation.Syntax.GetLocation(),
                            method.Name,
                            method.ContainingType.Name));
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>Whether <paramref name="method"/>, or a method it overrides, is marked with <paramref name="attribute"/>.</summary>
    private static bool IsBackgroundTask(IMethodSymbol method, INamedTypeSymbol attribute)
    {
        for (IMethodSymbol? m = method.OriginalDefinition; m is not null; m = m.OverriddenMethod)
        {
            foreach (var a in m.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
