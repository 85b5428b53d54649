using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Finds LSA0009: a class deriving from <c>State</c> that is not declared <c>partial</c>. The generator cannot add its
/// vars, handlers and <c>Events</c> to it (nor, to an abstract one, the members its derived states call), and the
/// compiler alone would only say that the state's abstract members are not implemented.
/// </summary>
internal static class NonPartialStateCheck
{
    /// <summary>Whether <paramref name="node"/> may be such a class: a non-partial class with a base list.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is ClassDeclarationSyntax { BaseList: not null } c && !c.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>LSA0009 at the class's name when it derives from <c>State</c>; otherwise <see langword="null"/>.</summary>
    public static DiagnosticModel? Find(GeneratorSyntaxContext ctx, CancellationToken ct)
    {
        if (ctx.SemanticModel.GetDeclaredSymbol((ClassDeclarationSyntax)ctx.Node, ct) is not INamedTypeSymbol type)
        {
            return null;
        }

        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (StateGenerator.IsState(t))
            {
                return StateGenerator.Diagnostic("LSA0009", type.Name, string.Empty, type);
            }
        }

        return null;
    }
}
