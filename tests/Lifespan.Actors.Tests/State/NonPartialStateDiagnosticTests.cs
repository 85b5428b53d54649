using System.Globalization;
using Microsoft.CodeAnalysis;
using static Lifespan.Actors.Tests.State.GeneratorHarness;

namespace Lifespan.Actors.Tests.State;

/// <summary>LSA0009: a state class the generator cannot complete because it is not partial.</summary>
public class NonPartialStateDiagnosticTests
{
    [Fact]
    public void A_state_class_that_is_not_partial_is_LSA0009_naming_the_fix()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class BaseState : State { public partial int Shared { get; set; } }
            public class CounterState : State
            {
                public int Count { get; set; }
            }
            public sealed class DerivedState : BaseState { }
            public abstract class Common : State { }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Equal(["LSA0009", "LSA0009", "LSA0009"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            "State class 'CounterState' must be declared partial, so that its vars, handlers and Events can be generated: 'public partial class CounterState'",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(("Input.cs", 3), (diagnostics[0].Location.GetLineSpan().Path, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line));
        Assert.Equal("CounterState", output.SyntaxTrees.First().GetText().ToString(diagnostics[0].Location.SourceSpan));
        Assert.Contains("'DerivedState'", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'Common'", diagnostics[2].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_state_classes_abstract_ones_included_and_other_classes_are_not_LSA0009()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public abstract partial class Common : State { public partial int Shared { get; set; } }
            public partial class CounterState : Common { public partial int Count { get; set; } }
            public class Plain : System.Exception { }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Empty(diagnostics);
        Assert.Empty(WarningsAndErrors(output));
    }
}
