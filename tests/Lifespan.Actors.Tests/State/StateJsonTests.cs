using System.Text.Json;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

public class StateJsonTests
{
    private static RichState Filled()
    {
        var state = new RichState
        {
            Mood = Mood.Angry,
            Home = new Address("Main Street", 42),
            Title = "Boss",
        };
        state.Tags.Add("a");
        state.Tags.Add("b");
        state.Scores["x"] = 1;
        state.Scores["y"] = 2;
        state.WriteSecret("hidden");
        state.SetLimit(9);
        return state;
    }

    [Fact]
    public void ToJson_All_and_LoadJson_round_trip_every_var()
    {
        var json = Filled().ToJson(StateVarSelection.All);

        var copy = new RichState();
        copy.LoadJson(json);

        Assert.Equal(Mood.Angry, copy.Mood);
        Assert.Equal(new Address("Main Street", 42), copy.Home);
        Assert.Equal("Boss", copy.Title);
        Assert.Equal(["a", "b"], copy.Tags);
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }, copy.Scores.ToDictionary());
        Assert.Equal("hidden", copy.ReadSecret());
        Assert.Equal(9, copy.Limit);
        Assert.Equal(json, copy.ToJson(StateVarSelection.All));
    }

    [Fact]
    public void LoadJson_marks_nothing_dirty()
    {
        var copy = new RichState();
        copy.LoadJson(Filled().ToJson(StateVarSelection.All));

        Assert.Empty(copy.DirtyVars);
        Assert.Null(copy.Delta());
    }

    [Fact]
    public void LoadJson_refills_the_collections_in_place_so_that_references_taken_before_stay_the_vars_own()
    {
        var state = Filled();
        var tags = state.Tags;
        var scores = state.Scores;
        state.ClearDirty();
        state.Freeze();

        state.LoadJson("{\"tags\":null,\"scores\":{\"q\":7}}");

        Assert.Same(tags, state.Tags);
        Assert.Same(scores, state.Scores);
        Assert.Empty(tags);
        Assert.Equal(new Dictionary<string, int> { ["q"] = 7 }, scores.ToDictionary());
        Assert.Empty(state.DirtyVars);
        state.Thaw();
        tags.Add("d");
        scores["z"] = 3;
        Assert.Equal("{\"tags\":[\"d\"],\"scores\":{\"q\":7,\"z\":3}}", state.Delta());
    }

    [Fact]
    public void Backend_vars_round_trip_through_ToJson_All()
    {
        var state = new MyTaskState { Counter = 3, MaxCounter = 8, Running = true };
        state.StartTask();
        state.StartTask();

        var copy = new MyTaskState();
        copy.LoadJson(state.ToJson(StateVarSelection.All));

        Assert.Equal(3, copy.Counter);
        Assert.Equal(8, copy.MaxCounter);
        Assert.True(copy.Running);
        Assert.Equal(2, copy.TaskCount);
    }

    [Fact]
    public void AllPublic_leaves_backend_vars_out()
    {
        var state = new MyTaskState { Counter = 3 };
        state.StartTask();

        using var json = JsonDocument.Parse(state.ToJson(StateVarSelection.AllPublic));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(["counter", "maxCounter", "running"], names);
    }

    [Fact]
    public void Collections_are_tracked_again_after_LoadJson()
    {
        var copy = new RichState();
        copy.LoadJson(Filled().ToJson(StateVarSelection.All));

        copy.Tags.Add("c");
        copy.Scores.Remove("x");

        Assert.Equal(["scores", "tags"], copy.DirtyVars.Order(StringComparer.Ordinal));
        copy.Freeze();
        Assert.Throws<ImmutableStateException>(() => copy.Tags.Add("d"));
        Assert.Throws<ImmutableStateException>(() => copy.Scores.Add("z", 0));
    }

    [Fact]
    public void A_derived_state_round_trips_its_base_vars()
    {
        var state = new DerivedState { Counter = 5, Label = "l" };
        state.StartTask();

        var copy = new DerivedState();
        copy.LoadJson(state.ToJson(StateVarSelection.All));

        Assert.Equal(5, copy.Counter);
        Assert.Equal("l", copy.Label);
        Assert.Equal(1, copy.TaskCount);
    }
}
