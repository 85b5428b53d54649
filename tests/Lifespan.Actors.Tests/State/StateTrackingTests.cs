using System.Text.Json;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

public class StateTrackingTests
{
    [Fact]
    public void Writes_mark_vars_dirty_by_their_json_names()
    {
        var state = new MyTaskState { Counter = 1, MaxCounter = 10 };
        state.StartTask();

        Assert.Equal(["counter", "maxCounter", "nTasks"], state.DirtyVars.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Writing_the_same_value_does_not_mark_the_var_dirty()
    {
        var state = new MyTaskState { Counter = 3 };
        state.ClearDirty();

        state.Counter = 3;
        state.Running = false;

        Assert.Empty(state.DirtyVars);
        Assert.Null(state.Delta());
    }

    [Fact]
    public void Writing_back_the_same_object_marks_the_var_dirty_as_it_may_have_changed_in_place()
    {
        var state = new RichState { Profile = new Profile { Name = "a" } };
        state.ClearDirty();

        var profile = state.Profile!;
        profile.Name = "b";
        state.Profile = profile;

        Assert.Equal(["profile"], state.DirtyVars);
        Assert.Equal("{\"profile\":{\"name\":\"b\"}}", state.Delta());
    }

    [Fact]
    public void Writing_an_equal_record_an_equal_string_or_null_again_does_not_mark_the_var_dirty()
    {
        var state = new RichState { Home = new Address("Main Street", 42), Title = "Boss" };
        state.ClearDirty();

        state.Home = new Address("Main Street", 42);
        state.Title = new string("Boss".AsSpan());
        state.Profile = null;

        Assert.Empty(state.DirtyVars);
        Assert.Null(state.Delta());
    }

    [Fact]
    public void Delta_contains_only_changed_public_vars()
    {
        var state = new MyTaskState { Counter = 1, MaxCounter = 5, Running = true };
        state.ClearDirty();

        state.Counter = 2;
        state.StartTask();

        var delta = state.Delta();
        Assert.NotNull(delta);
        using var json = JsonDocument.Parse(delta);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["counter"], names);
        Assert.Equal(2, json.RootElement.GetProperty("counter").GetInt32());
    }

    [Fact]
    public void Delta_is_null_when_only_backend_vars_changed()
    {
        var state = new MyTaskState();
        state.StartTask();

        Assert.Contains("nTasks", state.DirtyVars);
        Assert.Null(state.Delta());
    }

    [Fact]
    public void Delta_is_null_for_a_new_state_and_after_ClearDirty()
    {
        var state = new MyTaskState();
        Assert.Null(state.Delta());

        state.Running = true;
        Assert.Equal("{\"running\":true}", state.Delta());

        state.ClearDirty();
        Assert.Empty(state.DirtyVars);
        Assert.Null(state.Delta());
    }

    [Fact]
    public void Vars_list_public_and_backend_vars()
    {
        var state = new MyTaskState();

        Assert.Equal(
            [new StateVar("counter", false), new StateVar("maxCounter", false), new StateVar("running", false), new StateVar("nTasks", true)],
            state.Vars);
    }

    [Fact]
    public void A_derived_state_lists_and_writes_the_base_vars_first()
    {
        var state = new DerivedState { Counter = 4, Label = "x" };

        Assert.Equal(["counter", "maxCounter", "running", "nTasks", "label"], state.Vars.Select(v => v.Name));
        Assert.Equal("{\"counter\":4,\"label\":\"x\"}", state.Delta());
    }

    [Fact]
    public void Non_public_properties_and_accessors_are_backend_or_keep_their_accessibility()
    {
        var state = new RichState();
        state.WriteSecret("s3cret");
        state.SetLimit(7);

        Assert.Contains(new StateVar("secret", true), state.Vars);
        Assert.Contains(new StateVar("limit", false), state.Vars);
        var delta = state.Delta();
        Assert.NotNull(delta);
        Assert.DoesNotContain("s3cret", delta, StringComparison.Ordinal);
        Assert.Contains("\"limit\":7", delta, StringComparison.Ordinal);
        Assert.Null(typeof(RichState).GetProperty(nameof(RichState.Limit))!.GetSetMethod());
    }

    [Fact]
    public void Collection_changes_mark_the_var_dirty()
    {
        var state = new RichState();
        Assert.Empty(state.Tags);
        Assert.Empty(state.DirtyVars);

        state.Tags.Add("a");
        state.Scores["x"] = 1;

        Assert.Equal(["scores", "tags"], state.DirtyVars.Order(StringComparer.Ordinal));
        Assert.Equal("{\"tags\":[\"a\"],\"scores\":{\"x\":1}}", state.Delta());
    }

    [Fact]
    public void A_collection_assigned_to_a_var_is_tracked()
    {
        var state = new RichState();
        var tags = new StateList<string>(["a"]);

        state.Tags = tags;
        state.ClearDirty();
        tags.Add("b");

        Assert.Equal(["tags"], state.DirtyVars);
        Assert.Same(tags, state.Tags);
    }

    [Fact]
    public void Nested_state_classes_are_generated()
    {
        var state = new Outer.NestedState { Value = 2 };
        state.Items.Add(5);

        Assert.Equal("{\"value\":2,\"items\":[5]}", state.Delta());
    }

    [Fact]
    public void A_collection_that_is_one_vars_value_cannot_be_stored_in_another_and_nothing_changes()
    {
        var state = new TwoListsState();
        state.Names.Add("a");
        state.Scores["x"] = 1;
        state.ClearDirty();
        var archive = state.Archive;

        var list = Assert.Throws<InvalidOperationException>(() => state.Archive = state.Names);
        var dictionary = Assert.Throws<InvalidOperationException>(() => state.Best = state.Scores);

        Assert.StartsWith("This StateList is already the value of TwoListsState.names, and a collection can be the value of one var at a time", list.Message, StringComparison.Ordinal);
        Assert.Contains("Assign a copy instead: new StateList(...) of its items.", list.Message, StringComparison.Ordinal);
        Assert.StartsWith("This StateDictionary is already the value of TwoListsState.scores", dictionary.Message, StringComparison.Ordinal);
        Assert.Same(archive, state.Archive);
        Assert.Empty(state.DirtyVars);
        state.Names.Add("b");
        Assert.Equal("{\"names\":[\"a\",\"b\"]}", state.Delta());
    }

    [Fact]
    public void A_collection_a_var_no_longer_holds_may_become_another_vars_value_and_reports_to_it_alone()
    {
        var state = new TwoListsState();
        var old = state.Names;
        old.Add("a");
        state.Names = [];
        state.Archive = old;
        state.ClearDirty();

        old.Add("b");

        Assert.Equal(["archive"], state.DirtyVars);
        Assert.Equal("{\"archive\":[\"a\",\"b\"]}", state.Delta());
    }

    [Fact]
    public void A_copy_of_a_collection_is_a_var_of_its_own()
    {
        var state = new TwoListsState();
        state.Names.Add("a");
        state.Archive = new StateList<string>(state.Names);
        state.ClearDirty();

        state.Names.Add("b");

        Assert.Equal(["names"], state.DirtyVars);
        Assert.Equal(["a"], state.Archive);
    }
}
