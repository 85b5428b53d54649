using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>
/// An event sent with no one to answer (<see cref="SessionHub.Send(string, StateEvent, IActorRef?, long, bool)"/>
/// without a reply-to) to an idle session: every kind of handler result, and every refusal, still comes out as it does
/// for any other event, the errors to the subscribers. Each test sends to a subscribed, idle session.
/// </summary>
public sealed class SendWithoutReplyTests : SessionTestKit
{
    [Fact]
    public async Task A_handler_that_returns_nothing_sends_its_delta()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, CounterState.Events.Add(4));

        await ExpectValueAsync(client, "CounterState", "count", 4);
    }

    [Fact]
    public async Task Events_a_handler_returns_are_applied_after_it()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, CounterState.Events.Chain(3));   // Chain(2), Chain(1), Chain(0), then Increment

        await ExpectValueAsync(client, "CounterState", "count", 1);
        Assert.Equal(1, await ReadAsync<CounterState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_generator_sends_a_delta_per_step_and_queues_what_it_yields()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, CounterState.Events.Steps());

        await ExpectValueAsync(client, "CounterState", "count", 1);
        await ExpectValueAsync(client, "CounterState", "count", 2);
        await ExpectValueAsync(client, "CounterState", "count", 3);
        await ExpectValueAsync(client, "CounterState", "count", 13);   // the yielded Add(10), after the generator
    }

    [Fact]
    public async Task An_async_handler_keeps_the_session_busy_until_it_completes()
    {
        var (token, client) = await IdleSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));

        Hub.Send(token, CounterState.Events.WaitAtGate());   // adds 100, waits at the gate, adds 1
        Hub.Send(token, CounterState.Events.Add(5));        // arrives while the handler waits
        gate.Release();

        var first = await client.FishForMessageAsync<SessionDelta>(_ => true);
        Assert.Equal(101, Value(first.Json, "CounterState", "count")!.Value.GetInt32());   // not 105: Add(5) waited
        await ExpectValueAsync(client, "CounterState", "count", 106);
    }

    [Fact]
    public async Task An_async_stream_sends_its_steps_and_queues_what_it_yields()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, CounterState.Events.StepsAsync());

        await ExpectValueAsync(client, "CounterState", "count", 1);   // the yielded Increment, after the three steps
        var seen = await ReadAsync<CounterState, int[]>(token, s => [.. s.Seen]);
        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task A_background_task_is_started()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, CounterState.Events.Pump(3));

        await ExpectValueAsync(client, "CounterState", "count", 3);
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task An_unknown_handler_is_refused_to_the_subscribers_and_the_session_goes_on()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, Event("CounterState.Explode"));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("CounterState.Explode", error.Handler);
        Assert.StartsWith("Unknown event handler 'CounterState.Explode'", error.Message, StringComparison.Ordinal);
        Hub.Send(token, CounterState.Events.Add(2));
        await ExpectValueAsync(client, "CounterState", "count", 2);
    }

    [Fact]
    public async Task An_argument_too_many_is_refused_to_the_subscribers_and_the_session_goes_on()
    {
        var (token, client) = await IdleSessionAsync();

        Hub.Send(token, Raw("CounterState.Increment", """{"amount": 3}"""));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("CounterState.Increment", error.Handler);
        Assert.Contains("amount", error.Message, StringComparison.Ordinal);
        Hub.Send(token, CounterState.Events.Increment());
        await ExpectValueAsync(client, "CounterState", "count", 1);
    }

    /// <summary>A subscribed session with nothing in hand or waiting, so that the next send finds it idle.</summary>
    private async Task<(string Token, TestProbe Client)> IdleSessionAsync()
    {
        var (token, client) = await NewSessionAsync();
        await QuiescentAsync(token);
        return (token, client);
    }
}
