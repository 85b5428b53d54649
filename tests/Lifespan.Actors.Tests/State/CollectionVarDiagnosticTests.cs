using System.Globalization;
using Microsoft.CodeAnalysis;
using static Lifespan.Actors.Tests.State.GeneratorHarness;

namespace Lifespan.Actors.Tests.State;

/// <summary>LSA0008: state vars holding collections whose in-place changes no delta would carry.</summary>
public class CollectionVarDiagnosticTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using Lifespan.Actors.State;
        namespace App;
        public sealed record Item(string Name, ImmutableList<int> Values);

        """;

    private const string MutableTail =
        " is a mutable collection; declare it as StateList<T> or StateDictionary<TKey, TValue> instead, or as an immutable collection or record that is replaced as a whole";

    private const string NestedTail =
        " holds collections as its items, and changes to an inner collection are not tracked; use a record or an immutable collection for the inner values";

    [Fact]
    public void A_mutable_collection_var_is_LSA0008_and_still_generated()
    {
        const string source = Usings + """
            public partial class BagState : State
            {
                public partial List<int> Numbers { get; set; }
                public partial Dictionary<string, int> Counts { get; set; }
                public partial IList<string> Names { get; set; }
                public partial ICollection<int> Pile { get; set; }
                private partial IDictionary<string, string>? Lookup { get; set; }
                public partial HashSet<int> Seen { get; set; }
                public partial int[] Grid { get; set; }
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Equal(Enumerable.Repeat("LSA0008", 7), diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            [
                "In-place changes to state var 'Numbers' are not tracked: 'List<int>'" + MutableTail,
                "In-place changes to state var 'Counts' are not tracked: 'Dictionary<string, int>'" + MutableTail,
                "In-place changes to state var 'Names' are not tracked: 'IList<string>'" + MutableTail,
                "In-place changes to state var 'Pile' are not tracked: 'ICollection<int>'" + MutableTail,
                "In-place changes to state var 'Lookup' are not tracked: 'IDictionary<string, string>'" + MutableTail,
                "In-place changes to state var 'Seen' are not tracked: 'HashSet<int>'" + MutableTail,
                "In-place changes to state var 'Grid' are not tracked: 'int[]'" + MutableTail,
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(("Input.cs", 8), (diagnostics[0].Location.GetLineSpan().Path, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line));
        Assert.Empty(WarningsAndErrors(output));
    }

    [Fact]
    public void A_tracked_collection_of_collections_is_LSA0008()
    {
        const string source = Usings + """
            public partial class NestedState : State
            {
                public partial StateList<List<int>> Rows { get; set; }
                public partial StateDictionary<string, StateList<int>> Groups { get; set; }
                public partial StateList<StateDictionary<string, int>> Tables { get; set; }
                public partial StateDictionary<string, int[]> Vectors { get; set; }
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Equal(
            [
                "In-place changes to state var 'Rows' are not tracked: 'StateList<List<int>>'" + NestedTail,
                "In-place changes to state var 'Groups' are not tracked: 'StateDictionary<string, StateList<int>>'" + NestedTail,
                "In-place changes to state var 'Tables' are not tracked: 'StateList<StateDictionary<string, int>>'" + NestedTail,
                "In-place changes to state var 'Vectors' are not tracked: 'StateDictionary<string, int[]>'" + NestedTail,
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.All(diagnostics, d => Assert.Equal(("LSA0008", DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Empty(WarningsAndErrors(output));
    }

    [Fact]
    public void Tracked_immutable_and_read_only_collection_vars_are_allowed()
    {
        const string source = Usings + """
            public partial class FineState : State
            {
                public partial StateList<string> Tags { get; set; }
                public partial StateDictionary<string, Item> Items { get; set; }
                public partial StateList<ImmutableList<int>> Rows { get; set; }
                public partial ImmutableList<int> Numbers { get; set; }
                public partial ImmutableArray<int> Fixed { get; set; }
                public partial ImmutableDictionary<string, int>? Counts { get; set; }
                public partial IReadOnlyList<int> View { get; set; }
                public partial IReadOnlyDictionary<string, int> Map { get; set; }
                public partial IEnumerable<int> Sequence { get; set; }
                public partial ReadOnlyCollection<int>? Wrapped { get; set; }
                public partial string Name { get; set; }
                public partial Item? Current { get; set; }
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Empty(diagnostics);
        Assert.Empty(WarningsAndErrors(output));
    }
}
