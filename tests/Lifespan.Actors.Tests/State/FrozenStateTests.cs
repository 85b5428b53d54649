using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

public class FrozenStateTests
{
    private static void AssertRefused(global::Lifespan.Actors.State.State state, string var, Action write)
    {
        var ex = Assert.Throws<ImmutableStateException>(write);
        Assert.Equal(state.GetType().Name, ex.StateType);
        Assert.Equal(var, ex.Var);
        Assert.Contains($"{state.GetType().Name}.{var}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frozen_state_refuses_property_writes_and_keeps_its_values()
    {
        var state = new MyTaskState { Counter = 1 };
        state.ClearDirty();
        state.Freeze();

        Assert.True(state.IsFrozen);
        AssertRefused(state, "counter", () => state.Counter = 2);
        AssertRefused(state, "counter", () => state.Counter = 1);
        AssertRefused(state, "nTasks", state.StartTask);
        Assert.Equal(1, state.Counter);
        Assert.Equal(0, state.TaskCount);
        Assert.Empty(state.DirtyVars);
    }

    [Fact]
    public void A_frozen_state_refuses_writing_back_the_same_object()
    {
        var state = new RichState { Profile = new Profile { Name = "a" } };
        state.ClearDirty();
        state.Freeze();

        var profile = state.Profile!;
        AssertRefused(state, "profile", () => state.Profile = profile);
        Assert.Empty(state.DirtyVars);
    }

    [Fact]
    public void A_frozen_state_refuses_list_changes()
    {
        var state = new RichState();
        state.Tags.Add("a");
        state.ClearDirty();
        state.Freeze();

        AssertRefused(state, "tags", () => state.Tags.Add("b"));
        AssertRefused(state, "tags", () => state.Tags.Insert(0, "b"));
        AssertRefused(state, "tags", () => state.Tags.Remove("a"));
        AssertRefused(state, "tags", () => state.Tags[0] = "b");
        AssertRefused(state, "tags", () => state.Tags.Clear());
        AssertRefused(state, "tags", () => state.Tags = []);
        Assert.Equal(["a"], state.Tags);
        Assert.True(state.Tags.IsReadOnly);
        Assert.Empty(state.DirtyVars);
    }

    [Fact]
    public void A_frozen_state_refuses_dictionary_changes()
    {
        var state = new RichState();
        state.Scores["x"] = 1;
        state.ClearDirty();
        state.Freeze();

        AssertRefused(state, "scores", () => state.Scores.Add("y", 2));
        AssertRefused(state, "scores", () => state.Scores["x"] = 3);
        AssertRefused(state, "scores", () => state.Scores.Remove("x"));
        AssertRefused(state, "scores", () => state.Scores.Clear());
        Assert.Equal(1, state.Scores["x"]);
        Assert.Single(state.Scores);
        Assert.Empty(state.DirtyVars);
    }

    [Fact]
    public void A_frozen_nested_state_names_its_own_class()
    {
        var state = new Outer.NestedState();
        state.Freeze();

        AssertRefused(state, "items", () => state.Items.Add(1));
        AssertRefused(state, "value", () => state.Value = 1);
    }

    [Fact]
    public void Thaw_allows_writes_again()
    {
        var state = new RichState();
        state.Freeze();
        Assert.Throws<ImmutableStateException>(() => state.Mood = Mood.Busy);

        state.Thaw();
        state.Mood = Mood.Busy;
        state.Tags.Add("a");
        state.Scores.Add("k", 1);

        Assert.False(state.IsFrozen);
        Assert.Equal(Mood.Busy, state.Mood);
        Assert.Equal(["mood", "scores", "tags"], state.DirtyVars.Order(StringComparer.Ordinal));
    }
}
