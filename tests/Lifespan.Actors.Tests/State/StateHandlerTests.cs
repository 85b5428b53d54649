using System.Text.Json;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.State.Seed;
using SeedState = Lifespan.Actors.Tests.State.Seed.MyTaskState;

namespace Lifespan.Actors.Tests.State;

/// <summary>The generated <c>Handlers</c> and <c>Events</c> of the test assembly's own states, invoked as the runtime will.</summary>
public class StateHandlerTests
{
    private static StateHandler Find(global::Lifespan.Actors.State.State state, string name) => Assert.Single(state.Handlers, h => h.Name == name);

    private static object? Invoke(global::Lifespan.Actors.State.State state, StateEvent @event, CancellationToken cancellationToken = default)
    {
        var name = @event.Handler[(@event.Handler.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return Find(state, name).Invoke(state, new StateEventArguments(@event.Handler, @event), cancellationToken);
    }

    private static StateEvent Payload(string handler, string json) => StateEvent.FromPayload(handler, JsonDocument.Parse(json).RootElement);

    [Fact]
    public void The_seed_state_has_its_public_methods_and_the_setters_of_its_public_vars_as_handlers()
    {
        var state = new SeedState();

        Assert.Equal(
            ["ToggleRunning", "ClearCounter", "MyTask", "SetCounter", "SetMaxCounter", "SetRunning"],
            state.Handlers.Select(h => h.Name));
        Assert.True(Find(state, "MyTask").IsBackground);
        Assert.False(Find(state, "MyTask").CancelOnDisconnect);
        Assert.Empty(Find(state, "MyTask").Parameters);
        Assert.False(Find(state, "ToggleRunning").IsBackground);
        Assert.Equal(["value"], Find(state, "SetMaxCounter").Parameters);
        Assert.Same(state.Handlers, new SeedState().Handlers);
    }

    [Fact]
    public void Toggle_running_returns_the_typed_event_that_starts_the_background_task()
    {
        var state = new SeedState();

        var started = Assert.IsType<StateEvent>(Invoke(state, SeedState.Events.ToggleRunning()));
        var stopped = Invoke(state, SeedState.Events.ToggleRunning());

        Assert.Equal("MyTaskState.MyTask", started.Handler);
        Assert.Equal([], started.Arguments!);
        Assert.Null(stopped);
        Assert.False(state.Running);
    }

    [Fact]
    public async Task The_background_task_is_invoked_with_the_token_and_returns_its_task()
    {
        var state = new SeedState();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var task = Assert.IsType<Task>(Invoke(state, SeedState.Events.MyTask(), cancelled.Token), exactMatch: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public void The_implicit_setter_sets_the_var_and_marks_it_dirty()
    {
        var state = new SeedState();
        Assert.Equal(10, state.MaxCounter);
        state.ClearDirty();

        Assert.Null(Invoke(state, SeedState.Events.SetMaxCounter(42)));
        Invoke(state, Payload("MyTaskState.SetCounter", """{"value":5}"""));

        Assert.Equal(42, state.MaxCounter);
        Assert.Equal(5, state.Counter);
        Assert.Equal(["maxCounter", "counter"], state.DirtyVars);
        Assert.Equal("""{"counter":5,"maxCounter":42}""", state.Delta());
    }

    [Fact]
    public void A_payload_binds_by_name_uses_defaults_and_the_handler_gets_the_token()
    {
        var state = new ShapesState();
        using var source = new CancellationTokenSource();

        Assert.Null(Invoke(state, Payload("ShapesState.Add", """{"amount":3}"""), source.Token));

        Assert.Equal("3 x", state.Describe());
        Assert.Equal(source.Token, state.LastToken);
        Assert.Equal(["amount", "label"], Find(state, "Add").Parameters);
    }

    [Fact]
    public void Typed_events_carry_their_arguments_in_parameter_order_with_defaults()
    {
        var state = new ShapesState();

        var @event = ShapesState.Events.Add(5);
        Invoke(state, @event);
        Invoke(state, ShapesState.Events.Add(1, null));

        Assert.Equal("ShapesState.Add", @event.Handler);
        Assert.Equal([5, "x"], @event.Arguments!);
        Assert.Equal("6 ", state.Describe());
    }

    [Fact]
    public void A_missing_argument_is_a_binding_error_that_names_it()
    {
        var ex = Assert.Throws<StateEventBindingException>(() => Invoke(new ShapesState(), Payload("ShapesState.Add", """{"label":"y"}""")));

        Assert.Equal("amount", ex.Argument);
        Assert.Equal("ShapesState.Add", ex.Handler);
    }

    [Fact]
    public void An_argument_of_the_wrong_type_is_a_binding_error_that_names_it_and_its_type()
    {
        var ex = Assert.Throws<StateEventBindingException>(() => Invoke(new ShapesState(), Payload("ShapesState.Add", """{"amount":"abc"}""")));

        Assert.Equal("Event ShapesState.Add: argument 'amount' must be an int, not the string \"abc\".", ex.Message);
        Assert.Equal("amount", ex.Argument);
    }

    [Fact]
    public void A_declared_set_method_replaces_the_implicit_setter()
    {
        var state = new ShapesState();

        Invoke(state, ShapesState.Events.SetStep(4));

        Assert.Equal(["step"], Find(state, "SetStep").Parameters);
        Assert.Equal(8, state.Step);
        Assert.Equal(
            ["Add", "SetStep", "Once", "Many", "Stream", "LaterAsync", "PollAsync", "SetTotal", "SetLastLabel"],
            state.Handlers.Select(h => h.Name));
    }

    [Fact]
    public async Task Every_return_shape_is_returned_boxed()
    {
        var state = new ShapesState();

        var once = Assert.IsType<StateEvent>(Invoke(state, ShapesState.Events.Once()));
        var many = Assert.IsType<IEnumerable<StateEvent>>(Invoke(state, ShapesState.Events.Many()), exactMatch: false);
        var stream = Assert.IsType<IAsyncEnumerable<StateEvent?>>(Invoke(state, ShapesState.Events.Stream()), exactMatch: false);
        var later = Assert.IsType<Task<StateEvent?>>(Invoke(state, ShapesState.Events.LaterAsync()), exactMatch: false);
        var poll = Assert.IsType<ValueTask>(Invoke(state, ShapesState.Events.PollAsync()));

        Assert.Equal("ShapesState.Add", once.Handler);
        Assert.Equal([[1, "x"], [2, "two"]], many.Select(e => e.Arguments!.ToArray()));
        var streamed = new List<StateEvent?>();
        await foreach (var e in stream)
        {
            streamed.Add(e);
        }

        Assert.Equal("ShapesState.SetStep", Assert.Single(streamed)!.Handler);
        Assert.Equal([7, null], (await later)!.Arguments!);
        await poll;
        Assert.True(Find(state, "PollAsync").IsBackground);
        Assert.True(Find(state, "PollAsync").CancelOnDisconnect);
    }

    [Fact]
    public void A_derived_state_lists_its_base_handlers_then_its_own_and_replaces_those_of_the_same_name()
    {
        var state = new LoudShapesState();

        Invoke(state, LoudShapesState.Events.Add(2));

        Assert.Equal("LoudShapesState.Add", LoudShapesState.Events.Add(2).Handler);
        Assert.Equal("20 loud", state.Describe());
        Assert.Single(state.Handlers, h => h.Name == "Add");
        Assert.Equal(["Add", "SetLoud"], state.Handlers.TakeLast(2).Select(h => h.Name));
        Assert.Contains(state.Handlers, h => h.Name == "PollAsync");
        Assert.Equal("LoudShapesState.SetTotal", LoudShapesState.Events.SetTotal(1).Handler);
    }

    [Fact]
    public void The_existing_test_states_have_handlers_too()
    {
        var derived = new DerivedState();

        Invoke(derived, DerivedState.Events.SetCounter(3));
        Invoke(derived, DerivedState.Events.StartTask());

        Assert.Equal(3, derived.Counter);
        Assert.Equal(1, derived.TaskCount);
        Assert.Equal(["StartTask", "SetCounter", "SetMaxCounter", "SetRunning", "SetLabel"], derived.Handlers.Select(h => h.Name));
        Assert.Equal(["SetValue", "SetItems"], new Outer.NestedState().Handlers.Select(h => h.Name));
        Assert.Equal(
            ["SetLimit", "WriteSecret", "SetMood", "SetHome", "SetProfile", "SetTitle", "SetTags", "SetScores"],
            new RichState().Handlers.Select(h => h.Name));
    }
}
