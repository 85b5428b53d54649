using System.Collections.Immutable;
using Lifespan.Actors.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lifespan.Actors.Tests.State;

/// <summary>Runs the state generator, and the background-task call analyzer, over source text.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static ImmutableArray<MetadataReference> References()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(global::Lifespan.Actors.State.State).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>Runs the generator over <paramref name="sources"/> (the first is named Input.cs, the others Input{n}.cs).</summary>
    public static (ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output, GeneratorDriverRunResult Result) Run(
        string source, string assemblyName = "GeneratorInput", params string[] moreSources)
    {
        var trees = moreSources
            .Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i + 1}.cs"))
            .Prepend(CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Input.cs"));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new StateGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (diagnostics, output, driver.GetRunResult());
    }

    /// <summary>The generated file named <paramref name="hintName"/>.</summary>
    public static string Generated(Compilation output, string hintName) =>
        output.SyntaxTrees.Single(t => t.FilePath.EndsWith(hintName, StringComparison.Ordinal)).ToString();

    /// <summary>The compiler's warnings and errors for <paramref name="output"/>.</summary>
    public static Diagnostic[] WarningsAndErrors(Compilation output) =>
        [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];

    /// <summary>What <see cref="BackgroundTaskCallAnalyzer"/> reports for <paramref name="output"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation output) =>
        await output.WithAnalyzers([new BackgroundTaskCallAnalyzer()]).GetAnalyzerDiagnosticsAsync();
}
