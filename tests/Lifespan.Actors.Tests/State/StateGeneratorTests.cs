using System.Collections.Immutable;
using Lifespan.Actors.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lifespan.Actors.Tests.State;

public class StateGeneratorTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static ImmutableArray<MetadataReference> References()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(global::Lifespan.Actors.State.State).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static (ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output, GeneratorDriverRunResult Result) Run(
        string source, string assemblyName = "GeneratorInput")
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Input.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new StateGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (diagnostics, output, driver.GetRunResult());
    }

    [Fact]
    public void A_background_task_returning_void_is_LSA0001()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class TaskState : State
            {
                public partial int Counter { get; set; }

                [BackgroundTask]
                public void Tick() { }

                [BackgroundTask]
                public System.Threading.Tasks.Task TickAsync() => System.Threading.Tasks.Task.CompletedTask;

                [BackgroundTask]
                public System.Threading.Tasks.ValueTask<int> CountAsync() => default;
            }
            """;

        var (diagnostics, _, _) = Run(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LSA0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Background task 'Tick' must be async: return Task or ValueTask", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Input.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void An_init_only_or_get_only_state_var_is_LSA0002()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class InitState : State
            {
                public partial int Counter { get; init; }
                public partial int Total { get; }
            }
            """;

        var (diagnostics, _, _) = Run(source);

        Assert.Equal(["LSA0002", "LSA0002"], diagnostics.Select(d => d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Counter'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Total'", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void An_unsupported_modifier_is_LSA0004()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class VirtualState : State
            {
                public virtual partial int Counter { get; set; }
            }
            """;

        var (diagnostics, _, _) = Run(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("LSA0004", diagnostic.Id);
    }

    [Theory]
    [InlineData("GeneratorInput")]
    [InlineData("Lifespan.Actors.Tests")]
    public void A_valid_state_class_generates_code_that_compiles(string assemblyName)
    {
        const string source = """
            using System.Threading.Tasks;
            using Lifespan.Actors.State;
            namespace App
            {
                public enum Phase { Idle, Busy }
                public sealed record Point(int X, int Y);

                public partial class TaskState : State
                {
                    public partial int Counter { get; set; }
                    public partial int MaxCounter { get; set; }
                    public partial bool Running { get; set; }
                    private partial int NTasks { get; set; }
                    public partial Phase Phase { get; set; }
                    public partial Point? Where { get; set; }
                    public partial string Name { get; set; }
                    public partial StateList<string> Tags { get; set; }
                    protected internal partial StateDictionary<string, int> Scores { get; set; }
                    public partial int Limit { get; private set; }

                    [BackgroundTask]
                    public Task TickAsync() => Task.CompletedTask;
                }

                public partial class DerivedState : TaskState
                {
                    public partial string? Label { get; set; }
                }

                public partial class Outer
                {
                    internal partial struct Inner
                    {
                        public partial class NestedState<T> : State
                        {
                            public partial T Item { get; set; }
                        }
                    }
                }
            }

            public partial class GlobalState : Lifespan.Actors.State.State
            {
                public partial int @event { get; set; }
            }
            """;

        var (diagnostics, output, result) = Run(source, assemblyName);

        Assert.Empty(diagnostics);
        Assert.Equal(4, result.GeneratedTrees.Length);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));

        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "App.TaskState.State.g.cs").SourceText.ToString();
        Assert.StartsWith("// <auto-generated/>", generated, StringComparison.Ordinal);
        Assert.Contains("#nullable enable", generated, StringComparison.Ordinal);
        Assert.Contains("private partial int NTasks", generated, StringComparison.Ordinal);
        Assert.Contains("public partial int Limit", generated, StringComparison.Ordinal);
        Assert.Contains("private set", generated, StringComparison.Ordinal);
        Assert.Contains("new global::Lifespan.Actors.State.StateVar(\"nTasks\", true)", generated, StringComparison.Ordinal);
        Assert.Contains("new global::Lifespan.Actors.State.StateVar(\"scores\", true)", generated, StringComparison.Ordinal);
        var access = assemblyName == "Lifespan.Actors.Tests" ? "protected internal override" : "protected override";
        Assert.Contains(access + " void WriteVars(", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_caches_its_output_when_an_unrelated_file_changes()
    {
        const string source = """
            namespace App;
            public partial class S : Lifespan.Actors.State.State
            {
                public partial int Counter { get; set; }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Cache",
            [CSharpSyntaxTree.ParseText(source, ParseOptions)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new StateGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; public class Other { }", ParseOptions)));

        var outputs = driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
