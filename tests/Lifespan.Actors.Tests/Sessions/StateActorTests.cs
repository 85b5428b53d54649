using System.Text.Json;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public sealed class StateActorTests : SessionTestKit
{
    [Fact]
    public async Task A_subscriber_gets_the_full_public_state_then_one_delta_per_event_with_only_the_changed_vars()
    {
        var token = SessionToken.New();
        var client = CreateTestProbe();

        var full = await Hub.SubscribeAsync(token, client.Ref);

        Assert.Equal(0, Value(full, "CounterState", "count")!.Value.GetInt32());
        Assert.Equal(10, Value(full, "MyTaskState", "maxCounter")!.Value.GetInt32());
        Assert.Null(Value(full, "CounterState", "outOfOrder"));     // backend vars never leave the server
        Assert.Null(Value(full, "MyTaskState", "nTasks"));

        await Hub.DispatchAsync(token, Event("CounterState.Add", new { amount = 3 }));
        var delta = await client.ExpectMsgAsync<SessionDelta>();
        Assert.Equal(token, delta.Token);
        Assert.Equal("""{"CounterState":{"count":3}}""", delta.Json);
    }

    [Fact]
    public async Task A_sender_that_asks_for_failures_only_hears_of_failures_and_not_of_applied_events()
    {
        var token = SessionToken.New();
        var sender = CreateTestProbe();

        Hub.Send(token, Event("CounterState.Increment"), sender.Ref, correlationId: 1, repliesOnFailureOnly: true);
        Hub.Send(token, Event("CounterState.FailAfterChange", new { message = "boom" }), sender.Ref, correlationId: 2, repliesOnFailureOnly: true);
        Hub.Send(token, Event("CounterState.Nope"), sender.Ref, correlationId: 3, repliesOnFailureOnly: true);
        Hub.Send(token, Event("CounterState.Increment"), sender.Ref, correlationId: 4);

        // Event 1 succeeded silently: the first reply is event 2's failure, then event 3's refusal, then event 4's success.
        var failed = await sender.ExpectMsgAsync<EventCompleted>();
        Assert.Equal((2L, true), (failed.CorrelationId, failed.Error?.Contains("boom", StringComparison.Ordinal)));
        var refused = await sender.ExpectMsgAsync<EventCompleted>();
        Assert.Equal(3L, refused.CorrelationId);
        Assert.Contains("Nope", refused.Error, StringComparison.Ordinal);
        var applied = await sender.ExpectMsgAsync<EventCompleted>();
        Assert.Equal((4L, null), (applied.CorrelationId, applied.Error));
    }

    [Fact]
    public async Task No_delta_is_sent_when_nothing_public_changed()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("CounterState.TouchBackendOnly"));
        await Hub.DispatchAsync(token, Event("CounterState.Add", new { amount = 0 }));
        await Hub.DispatchAsync(token, Event("CounterState.Increment"));

        Assert.Equal("""{"CounterState":{"count":1}}""", (await client.ExpectMsgAsync<SessionDelta>()).Json);
        await client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Implicit_setters_and_several_state_classes_share_one_session()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("MyTaskState.SetMaxCounter", new { value = 4 }));
        await Hub.DispatchAsync(token, Event("LabelState.Rename", new { label = "hello" }));

        Assert.Equal("""{"MyTaskState":{"maxCounter":4}}""", (await client.ExpectMsgAsync<SessionDelta>()).Json);
        Assert.Equal("""{"LabelState":{"label":"hello"}}""", (await client.ExpectMsgAsync<SessionDelta>()).Json);
    }

    [Fact]
    public async Task Async_handlers_of_one_session_never_interleave()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));

        Hub.Send(token, Event("CounterState.WaitAtGate"));
        Hub.Send(token, Event("CounterState.Add", new { amount = 1000 }));
        await client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));  // the second event waits for the first to finish

        gate.Release();
        await ExpectValueAsync(client, "CounterState", "count", 101);
        await ExpectValueAsync(client, "CounterState", "count", 1101);
    }

    [Fact]
    public async Task A_returned_event_is_queued_behind_the_handler_on_the_server()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("CounterState.Chain", new { times = 3 }));

        await ExpectValueAsync(client, "CounterState", "count", 1);
    }

    [Fact]
    public async Task A_generator_sends_a_delta_after_each_step_and_queues_what_it_yields()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("CounterState.Steps"));

        Assert.Equal(1, (await NextValueAsync(client, "CounterState", "count")).GetInt32());
        Assert.Equal(2, (await NextValueAsync(client, "CounterState", "count")).GetInt32());
        Assert.Equal(3, (await NextValueAsync(client, "CounterState", "count")).GetInt32());
        Assert.Equal(13, (await NextValueAsync(client, "CounterState", "count")).GetInt32());   // the yielded Add(10), after the handler
    }

    [Fact]
    public async Task An_async_stream_sends_intermediate_updates()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("CounterState.StepsAsync"));

        for (var i = 1; i <= 3; i++)
        {
            var seen = await NextValueAsync(client, "CounterState", "seen");
            Assert.Equal(Enumerable.Range(1, i), seen.EnumerateArray().Select(e => e.GetInt32()));
        }

        await ExpectValueAsync(client, "CounterState", "count", 1);
    }

    [Fact]
    public async Task A_failing_handler_keeps_and_sends_its_changes_reports_the_error_and_the_session_goes_on()
    {
        var (token, client) = await NewSessionAsync();

        var error = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(token, Event("CounterState.FailAfterChange", new { message = "boom" })));
        Assert.Equal("CounterState.FailAfterChange", error.Handler);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        await ExpectValueAsync(client, "CounterState", "count", 7);

        await Hub.DispatchAsync(token, Event("CounterState.Increment"));
        await ExpectValueAsync(client, "CounterState", "count", 8);
    }

    [Fact]
    public async Task Without_a_reply_address_errors_go_to_the_subscribers()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("CounterState.FailAfterChange", new { message = "boom" }));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("CounterState.FailAfterChange", error.Handler);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModifyStateAsync_changes_the_state_exclusively_and_sends_a_delta()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.ModifyStateAsync<CounterState>(token, s => s.Count = 42);
        await ExpectValueAsync(client, "CounterState", "count", 42);

        await Hub.ModifyStateAsync<CounterState>(token, async s => { await Task.Yield(); s.Count++; });
        await ExpectValueAsync(client, "CounterState", "count", 43);
    }

    [Fact]
    public async Task ModifyStateAsync_with_an_unregistered_state_names_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Hub.ModifyStateAsync<Tests.State.RichState>(SessionToken.New(), _ => { }));
        Assert.Contains("RichState is not a state of this app's sessions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_typed_by_the_generated_Events_class_bind_without_json()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, CounterState.Events.Add(5));

        await ExpectValueAsync(client, "CounterState", "count", 5);
    }

    [Fact]
    public async Task Deltas_carry_json_of_lists_and_strings()
    {
        var (token, client) = await NewSessionAsync();

        await Hub.DispatchAsync(token, Event("LabelState.Rename", new { label = "a \"quoted\" label" }));

        var label = await NextValueAsync(client, "LabelState", "label");
        Assert.Equal("a \"quoted\" label", label.GetString());
        Assert.Equal(JsonValueKind.String, label.ValueKind);
    }
}
