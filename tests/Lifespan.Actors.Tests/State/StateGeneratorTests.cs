using System.Collections.Immutable;
using System.Globalization;
using Lifespan.Actors.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lifespan.Actors.Tests.State;

public class StateGeneratorTests
{
    private static readonly CSharpParseOptions ParseOptions = GeneratorHarness.ParseOptions;

    private static ImmutableArray<MetadataReference> References() => GeneratorHarness.References();

    private static (ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output, GeneratorDriverRunResult Result) Run(
        string source, string assemblyName = "GeneratorInput") => GeneratorHarness.Run(source, assemblyName);

    private static string Generated(Compilation output, string hintName) => GeneratorHarness.Generated(output, hintName);

    [Fact]
    public void A_background_task_that_is_not_async_is_LSA0001_only()
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

                [BackgroundTask]
                public StateEvent? Now() => null;

                [BackgroundTask]
                public System.Collections.Generic.IAsyncEnumerable<StateEvent?> StreamAsync() => throw null!;

                [BackgroundTask]
                public System.Threading.Tasks.ValueTask<StateEvent> NextAsync() => default;
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Equal(["LSA0001", "LSA0001", "LSA0001"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            [
                "Background task 'Tick' must be async: return Task, ValueTask or IAsyncEnumerable<StateEvent?>",
                "Background task 'CountAsync' must be async: return Task, ValueTask or IAsyncEnumerable<StateEvent?>",
                "Background task 'Now' must be async: return Task, ValueTask or IAsyncEnumerable<StateEvent?>",
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal("Input.cs", diagnostics[0].Location.GetLineSpan().Path);
        Assert.Equal(7, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line);
        var generated = Generated(output, "App.TaskState.State.g.cs");
        Assert.Contains("\"TickAsync\"", generated, StringComparison.Ordinal);
        Assert.Contains("\"StreamAsync\"", generated, StringComparison.Ordinal);
        Assert.Contains("\"NextAsync\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Tick\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CountAsync\"", generated, StringComparison.Ordinal);
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
                public sealed class Profile { public string Name { get; set; } = ""; }

                public partial class TaskState : State
                {
                    public partial int Counter { get; set; }
                    public partial int MaxCounter { get; set; }
                    public partial bool Running { get; set; }
                    private partial int NTasks { get; set; }
                    public partial Phase Phase { get; set; }
                    public partial Point? Where { get; set; }
                    public partial Profile Owner { get; set; }
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
