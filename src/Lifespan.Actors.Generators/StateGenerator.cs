using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lifespan.Actors.Generators;

/// <summary>
/// Implements the partial properties of classes deriving from <c>Lifespan.Actors.State.State</c> as tracked state
/// vars, and their <c>Vars</c>, <c>WriteVars</c>, <c>ReadVars</c>, <c>Handlers</c> and typed <c>Events</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateGenerator : IIncrementalGenerator
{
    private const string StateNamespace = "Lifespan.Actors.State";

    /// <summary>How generated code names a type: fully qualified, nullable annotations kept.</summary>
    internal static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var classes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null } c && c.Modifiers.Any(SyntaxKind.PartialKeyword),
                static (ctx, ct) => Transform(ctx, ct))
            .Where(static m => m is not null);

        context.RegisterSourceOutput(classes, static (spc, model) => Emit(spc, model!));

        var notPartial = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => NonPartialStateCheck.IsCandidate(node), static (ctx, ct) => NonPartialStateCheck.Find(ctx, ct))
            .Where(static d => d is not null);
        context.RegisterSourceOutput(notPartial, static (spc, diagnostic) => Report(spc, diagnostic!));
    }

    private static StateClassModel? Transform(GeneratorSyntaxContext ctx, CancellationToken ct)
    {
        var decl = (ClassDeclarationSyntax)ctx.Node;
        if (ctx.SemanticModel.GetDeclaredSymbol(decl, ct) is not INamedTypeSymbol type || FindStateBase(type) is not { } state)
        {
            return null;
        }

        // A class split over several partial declarations is generated once: for its first one with a base list.
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is ClassDeclarationSyntax c && c.BaseList is not null && c.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                if (c.SyntaxTree != decl.SyntaxTree || c.Span != decl.Span)
                {
                    return null;
                }

                break;
            }
        }

        var diagnostics = new List<DiagnosticModel>();
        var vars = new List<VarModel>();
        foreach (var member in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (member is IPropertySymbol { IsPartialDefinition: true, PartialImplementationPart: null } property
                && Describe(property, diagnostics, ct) is { } v)
            {
                vars.Add(v);
            }
        }

        var discovery = new HandlerDiscovery(ctx.SemanticModel.Compilation);
        var handlers = discovery.Discover(type, diagnostics, ct);
        var inherited = discovery.Inherited(type, handlers, ct);

        var containers = new List<ContainerModel>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            containers.Insert(0, new ContainerModel(Keyword(t), NameWithTypeParameters(t)));
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        var hint = new StringBuilder();
        foreach (var ch in type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty))
        {
            hint.Append(char.IsLetterOrDigit(ch) || ch == '.' || ch == '_' ? ch : '_');
        }

        hint.Append(".State.g.cs");

        // Overriding a protected internal member of another assembly must say "protected" unless that assembly
        // grants this one access to its internals.
        var accessibility = SymbolEqualityComparer.Default.Equals(state.ContainingAssembly, ctx.SemanticModel.Compilation.Assembly)
            || state.ContainingAssembly.GivesAccessTo(ctx.SemanticModel.Compilation.Assembly)
            ? "protected internal"
            : "protected";

        return new StateClassModel(
            hint.ToString(),
            ns,
            new EquatableArray<ContainerModel>([.. containers]),
            NameWithTypeParameters(type),
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            CallBase: !IsState(type.BaseType),
            accessibility,
            new EquatableArray<VarModel>([.. vars]),
            new EquatableArray<HandlerModel>([.. handlers]),
            new EquatableArray<HandlerModel>([.. inherited]),
            new EquatableArray<DiagnosticModel>([.. diagnostics]));
    }

    private static VarModel? Describe(IPropertySymbol property, List<DiagnosticModel> diagnostics, CancellationToken ct)
    {
        var syntax = property.DeclaringSyntaxReferences.Length > 0
            ? property.DeclaringSyntaxReferences[0].GetSyntax(ct) as BasePropertyDeclarationSyntax
            : null;
        if (syntax is not PropertyDeclarationSyntax declaration || declaration.AccessorList is null)
        {
            diagnostics.Add(Diagnostic("LSA0004", property.Name, "only partial properties (not indexers) can be state vars", property));
            return null;
        }

        AccessorDeclarationSyntax? getter = null;
        AccessorDeclarationSyntax? setter = null;
        foreach (var accessor in declaration.AccessorList.Accessors)
        {
            if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                getter = accessor;
            }
            else if (accessor.IsKind(SyntaxKind.SetAccessorDeclaration))
            {
                setter = accessor;
            }
        }

        if (getter is null || setter is null || property.SetMethod is null or { IsInitOnly: true })
        {
            diagnostics.Add(Diagnostic("LSA0002", property.Name, string.Empty, property));
            return null;
        }

        string? unsupported = null;
        foreach (var modifier in declaration.Modifiers)
        {
            if (modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.RequiredKeyword)
                || modifier.IsKind(SyntaxKind.VirtualKeyword) || modifier.IsKind(SyntaxKind.AbstractKeyword)
                || modifier.IsKind(SyntaxKind.OverrideKeyword) || modifier.IsKind(SyntaxKind.SealedKeyword)
                || modifier.IsKind(SyntaxKind.ExternKeyword))
            {
                unsupported = $"the '{modifier.Text}' modifier is not supported";
                break;
            }
        }

        if (unsupported is null && property.RefKind != RefKind.None)
        {
            unsupported = "ref-returning properties are not supported";
        }

        if (unsupported is not null)
        {
            diagnostics.Add(Diagnostic("LSA0004", property.Name, unsupported, property));
            return null;
        }

        if (CollectionVarCheck.Problem(property.Type) is { } untracked)
        {
            // Still generated: the var works, only its in-place changes would not reach a delta.
            diagnostics.Add(Diagnostic("LSA0008", property.Name, untracked, property));
        }

        var tracked = CollectionVarCheck.IsTracked(property.Type);
        var name = property.Name;
        var jsonName = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return new VarModel(
            HandlerDiscovery.Identifier(name),
            jsonName,
            "__lsa_" + name,
            property.Type.ToDisplayString(TypeFormat),
            property.Type.IsValueType ? string.Empty : " = default!",
            property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            tracked,
            IsMutableReference: !property.Type.IsValueType && property.Type.SpecialType != SpecialType.System_String,
            IsBackend: property.DeclaredAccessibility != Accessibility.Public,
            Join(declaration.Modifiers),
            Join(getter.Modifiers),
            Join(setter.Modifiers));
    }

    private static string Join(SyntaxTokenList modifiers)
    {
        var sb = new StringBuilder();
        foreach (var m in modifiers)
        {
            sb.Append(m.Text).Append(' ');
        }

        return sb.ToString();
    }

    /// <summary>A diagnostic at <paramref name="symbol"/>'s first location, as plain values.</summary>
    internal static DiagnosticModel Diagnostic(string id, string argument, string detail, ISymbol symbol)
    {
        var location = symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;
        var lineSpan = location.GetLineSpan();
        return new DiagnosticModel(id, argument, detail, location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, lineSpan.Span);
    }

    private static INamedTypeSymbol? FindStateBase(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (IsState(t))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="t"/> is <c>Lifespan.Actors.State.State</c> itself.</summary>
    internal static bool IsState(INamedTypeSymbol? t) =>
        t is { Name: "State", ContainingType: null, TypeArguments.Length: 0 } && t.ContainingNamespace.ToDisplayString() == StateNamespace;

    /// <summary>Whether <paramref name="method"/> is marked <c>[BackgroundTask]</c>, and its <c>CancelOnDisconnect</c> setting.</summary>
    internal static bool IsBackgroundTask(IMethodSymbol method, out bool cancelOnDisconnect)
    {
        cancelOnDisconnect = false;
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "BackgroundTaskAttribute" } a && a.ContainingNamespace.ToDisplayString() == StateNamespace)
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "CancelOnDisconnect" && named.Value.Value is bool b)
                    {
                        cancelOnDisconnect = b;
                    }
                }

                return true;
            }
        }

        return false;
    }

    private static string Keyword(INamedTypeSymbol t) => t switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string NameWithTypeParameters(INamedTypeSymbol t)
    {
        if (t.TypeParameters.Length == 0)
        {
            return t.Name;
        }

        var sb = new StringBuilder(t.Name).Append('<');
        for (var i = 0; i < t.TypeParameters.Length; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(t.TypeParameters[i].Name);
        }

        return sb.Append('>').ToString();
    }

    private static void Emit(SourceProductionContext context, StateClassModel model)
    {
        foreach (var d in model.Diagnostics)
        {
            Report(context, d);
        }

        context.AddSource(model.HintName, StateSourceWriter.Write(model));
    }

    private static void Report(SourceProductionContext context, DiagnosticModel d)
    {
        if (StateDiagnostics.Find(d.Id) is { } descriptor)
        {
            var location = d.FilePath.Length == 0 ? Location.None : Location.Create(d.FilePath, d.Span, d.LineSpan);
            context.ReportDiagnostic(Microsoft.CodeAnalysis.Diagnostic.Create(descriptor, location, d.Argument, d.Detail));
        }
    }
}
