using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Reports LSA0006 for a direct call of a <c>[BackgroundTask]</c> method, or for making it into a delegate (whose call
/// would be a direct call): only an event starts a background task (a handler returns <c>State.Events.Task()</c>), so
/// that it runs beside the session's other events. Generated code, where the state's invokers call the method, is
/// not analyzed.
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
                    Report(operation, invocation.TargetMethod, attribute, "called directly");
                },
                OperationKind.Invocation);
            start.RegisterOperationAction(
                operation =>
                {
                    // A method group made into a delegate (Func<CancellationToken, Task> f = Work, or new Func<...>(Work)):
                    // calling the delegate would be a direct call. nameof(Work) is no method reference, so it stays allowed.
                    var reference = (IMethodReferenceOperation)operation.Operation;
                    Report(operation, reference.Method, attribute, "made into a delegate (calling the delegate would call it directly)");
                },
                OperationKind.MethodReference);
        });
    }

    /// <summary>Reports LSA0006 at the operation when <paramref name="method"/> is a background task; <paramref name="use"/> says what was done with it.</summary>
    private static void Report(OperationAnalysisContext operation, IMethodSymbol method, INamedTypeSymbol attribute, string use)
    {
        if (IsBackgroundTask(method, attribute))
        {
            operation.ReportDiagnostic(Diagnostic.Create(
                StateDiagnostics.BackgroundTaskCalledDirectly,
                operation.Operation.Syntax.GetLocation(),
                method.Name,
                method.ContainingType.Name,
                use));
        }
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
