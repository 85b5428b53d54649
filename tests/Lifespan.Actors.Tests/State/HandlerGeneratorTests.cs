using System.Globalization;
using Microsoft.CodeAnalysis;
using static Lifespan.Actors.Tests.State.GeneratorHarness;

namespace Lifespan.Actors.Tests.State;

/// <summary>The generator's handlers and events, its handler diagnostics (LSA0005, LSA0007) and the LSA0006 analyzer.</summary>
public class HandlerGeneratorTests
{
    private const string Lsa0005Tail =
        ", so it is not an event handler; make it non-public, or return void, Task, ValueTask, StateEvent?, IEnumerable<StateEvent?> or IAsyncEnumerable<StateEvent?>";

    [Fact]
    public void Every_handler_shape_generates_code_without_warnings()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;
            using Lifespan.Actors.State;
            namespace App
            {
                public enum Phase { Idle, Busy, Done = -1 }
                [System.Flags] public enum Flags { None = 0, A = 1, B = 2 }

                public partial class ShapesState : State
                {
                    public partial int Counter { get; set; }
                    public partial string? Label { get; set; }
                    public partial StateList<string> Tags { get; set; }
                    private partial int Hidden { get; set; }
                    public partial int Limit { get; private set; }

                    public void Plain() { }
                    public Task RunAsync(CancellationToken ct) => Task.CompletedTask;
                    public ValueTask RunValueAsync() => default;
                    public StateEvent? Next() => Events.Plain();
                    public StateEvent Always() => Events.SetCounter(1);
                    public Task<StateEvent?> NextAsync(CancellationToken ct) => Task.FromResult<StateEvent?>(null);
                    public ValueTask<StateEvent> NextValueAsync() => new(Events.Plain());
                    public IEnumerable<StateEvent?> Many() { yield return null; }
                    public async IAsyncEnumerable<StateEvent> Stream([EnumeratorCancellation] CancellationToken ct = default) { await Task.Yield(); yield return Events.Plain(); }
                    [BackgroundTask(CancelOnDisconnect = true)] public async Task WorkAsync(int times, CancellationToken ct) => await Task.Delay(times, ct);
                    [BackgroundTask] public async IAsyncEnumerable<StateEvent?> PollAsync([EnumeratorCancellation] CancellationToken ct) { await Task.Yield(); yield return Events.WorkAsync(1); }
                    public void Defaults(
                        int i = -3, long l = 4, uint u = 5, ulong ul = 6, short sh = -7, byte b = 8, sbyte sb = -9, ushort us = 10,
                        double d = 1.5, double nan = double.NaN, double inf = double.NegativeInfinity, float f = 2.25f, decimal m = 3.125m,
                        bool flag = true, char c = '\'', string s = "a \"quoted\"\n line", string? none = null,
                        Phase phase = Phase.Busy, Phase negative = Phase.Done, Flags flags = Flags.A | Flags.B, Phase? maybe = null,
                        Phase? busy = Phase.Busy, int? count = 2, System.DateTime when = default, CancellationToken ct = default) { }
                    public void @event(int @class) { }
                    internal void NotAHandler(ref int x) { }
                }

                public partial class DerivedState : ShapesState
                {
                    public partial bool Extra { get; set; }
                    public new void Plain() { }
                    public void SetExtra(bool value, CancellationToken ct) => Extra = value;
                    public StateEvent? Chain() => Events.Defaults(s: "x");
                }

                public partial class Outer
                {
                    public partial class NestedState<T> : State
                    {
                        public partial T Item { get; set; }
                        public void Put(T item, T? fallback = default) => Item = item ?? fallback!;
                    }
                }
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Empty(diagnostics);
        var errors = WarningsAndErrors(output);
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        var shapes = Generated(output, "App.ShapesState.State.g.cs");
        Assert.Contains("\"WorkAsync\",\n                new string[] { \"times\" },", shapes, StringComparison.Ordinal);
        Assert.Contains("((global::App.ShapesState)s).WorkAsync(a.Get<int>(0, \"times\"), ct),\n                isBackground: true,\n                cancelOnDisconnect: true,\n                bind: static a => new object?[] { a.Get<int>(0, \"times\") }),", shapes, StringComparison.Ordinal);
        Assert.Contains("a.GetOrDefault<global::App.Phase>(17, \"phase\", (global::App.Phase)(1))", shapes, StringComparison.Ordinal);
        Assert.Contains("a.GetOrDefault<string?>(16, \"none\", default!)", shapes, StringComparison.Ordinal);
        Assert.Contains("public static global::Lifespan.Actors.State.StateEvent @event(int @class) =>", shapes, StringComparison.Ordinal);
        Assert.Contains("FromArguments(\"ShapesState.SetCounter\", new object?[] { value })", shapes, StringComparison.Ordinal);
        Assert.DoesNotContain("\"SetHidden\"", shapes, StringComparison.Ordinal);
        Assert.DoesNotContain("\"SetLimit\"", shapes, StringComparison.Ordinal);
        Assert.DoesNotContain("NotAHandler", shapes, StringComparison.Ordinal);
        var derived = Generated(output, "App.DerivedState.State.g.cs");
        Assert.Contains("public new static class Events", derived, StringComparison.Ordinal);
        Assert.Contains("FromArguments(\"DerivedState.Defaults\"", derived, StringComparison.Ordinal);
        Assert.Contains("FromArguments(\"DerivedState.SetExtra\", new object?[] { value })", derived, StringComparison.Ordinal);
        Assert.Contains("__lsa_CombineHandlers(base.Handlers)", derived, StringComparison.Ordinal);
        var nested = Generated(output, "App.Outer.NestedState_T_.State.g.cs");
        Assert.Contains("FromArguments(\"NestedState.Put\"", nested, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_method_with_another_return_type_is_LSA0005_and_no_handler()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class ReadState : State
            {
                public partial int Counter { get; set; }
                public string Read() => "";
                public System.Threading.Tasks.ValueTask<int> CountAsync() => default;
                internal string Hidden() => "";
                public override string ToString() => "";
                public static int Parse(string s) => s.Length;
                public int Total => Counter;
                public StateEvent? Fine() => null;
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.Equal(["LSA0005", "LSA0005"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(
            ["Public method 'Read' returns 'string'" + Lsa0005Tail, "Public method 'CountAsync' returns 'ValueTask<int>'" + Lsa0005Tail],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(5, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(WarningsAndErrors(output));
        var generated = Generated(output, "App.ReadState.State.g.cs");
        Assert.Contains("\"Fine\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Read\"", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("\"CountAsync\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_method_whose_parameters_cannot_be_bound_is_LSA0007()
    {
        const string source = """
            using Lifespan.Actors.State;
            namespace App;
            public partial class BadState : State
            {
                public void ByRef(ref int x) { }
                public void ByOut(out int x) => x = 0;
                public void ByIn(in int x) { }
                public void Many(params int[] xs) { }
                public void Generic<T>(T item) { }
                public void Overload(int x) { }
                public void Overload(string x) { }
                [BackgroundTask] internal System.Threading.Tasks.Task Hidden() => System.Threading.Tasks.Task.CompletedTask;
            }
            """;

        var (diagnostics, output, _) = Run(source);

        Assert.All(diagnostics, d => Assert.Equal(("LSA0007", DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal(
            [
                "'ByRef' cannot be an event handler: ref, out and in parameters cannot be bound from a payload",
                "'ByOut' cannot be an event handler: ref, out and in parameters cannot be bound from a payload",
                "'ByIn' cannot be an event handler: ref, out and in parameters cannot be bound from a payload",
                "'Many' cannot be an event handler: params parameters cannot be bound from a payload",
                "'Generic' cannot be an event handler: generic methods cannot be bound from an event",
                "'Overload' cannot be an event handler: overloaded handlers are not supported; give each handler its own name",
                "'Hidden' cannot be an event handler: a background task must be a public instance method that is not an override",
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(10, diagnostics[5].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(WarningsAndErrors(output));
        var generated = Generated(output, "App.BadState.State.g.cs");
        Assert.Contains("a.Get<int>(0, \"x\")", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("a.Get<string>(0, \"x\")", generated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calling_a_background_task_directly_is_LSA0006_except_in_generated_code()
    {
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Lifespan.Actors.State;
            namespace App;
            public partial class TaskState : State
            {
                public StateEvent? Start() => Events.Work();
                public async Task Direct() => await Work(CancellationToken.None);
                internal static string Name => nameof(Work);
                [BackgroundTask] public Task Work(CancellationToken ct) => Task.CompletedTask;
            }
            public static class Outside
            {
                public static Task Call(TaskState state) => state.Work(default);
            }
            """;
        const string generatedSource = """
            // <auto-generated/>
            namespace App;
            internal static class Generated
            {
                public static System.Threading.Tasks.Task Call(TaskState state) => state.Work(default);
            }
            """;

        var (diagnostics, output, _) = Run(source, "GeneratorInput", generatedSource);
        var reported = await AnalyzeAsync(output);

        Assert.Empty(diagnostics);
        Assert.Empty(WarningsAndErrors(output));
        Assert.Equal(["LSA0006", "LSA0006"], reported.Select(d => d.Id));
        Assert.All(reported, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(reported, d => Assert.Equal(
            "Background task 'Work' cannot be called directly; return TaskState.Events.Work() from an event handler to start it",
            d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(
            [("Input.cs", 7), ("Input.cs", 13)],
            reported.Select(d => (d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line)).Order());
        Assert.Contains("((global::App.TaskState)s).Work(ct)", Generated(output, "App.TaskState.State.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Making_a_background_task_into_a_delegate_is_LSA0006_but_nameof_and_Events_are_not()
    {
        const string source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Lifespan.Actors.State;
            namespace App;
            public partial class TaskState : State
            {
                public async Task Converted(CancellationToken ct) { Func<CancellationToken, Task> f = Work; await f(ct); }
                internal Func<CancellationToken, Task> Created() => new Func<CancellationToken, Task>(this.Work);
                internal static string Name => nameof(Work) + nameof(TaskState.Work);
                internal static Func<StateEvent> Start => Events.Work;
                [BackgroundTask] public Task Work(CancellationToken ct) => Task.CompletedTask;
            }
            public static class Outside
            {
                public static Task Run(TaskState state) => Task.Run(() => Pass(state.Work));
                private static Task Pass(Func<CancellationToken, Task> work) => work(default);
            }
            """;
        const string generatedSource = """
            // <auto-generated/>
            namespace App;
            internal static class Generated
            {
                public static System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task> Of(TaskState state) => state.Work;
            }
            """;

        var (diagnostics, output, _) = Run(source, "GeneratorInput", generatedSource);
        var reported = await AnalyzeAsync(output);

        Assert.Empty(diagnostics);
        Assert.Empty(WarningsAndErrors(output));
        Assert.All(reported, d => Assert.Equal(("LSA0006", DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.All(reported, d => Assert.Equal(
            "Background task 'Work' cannot be made into a delegate (calling the delegate would call it directly); return TaskState.Events.Work() from an event handler to start it",
            d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(
            [("Input.cs", 7, "Work"), ("Input.cs", 8, "this.Work"), ("Input.cs", 15, "state.Work")],
            reported.Select(d => (d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))).Order());
    }
}
