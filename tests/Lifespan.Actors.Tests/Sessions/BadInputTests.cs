using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public sealed class BadInputTests() : SessionTestKit(o => { o.MaxQueuedEvents = 3; o.MaxSessions = 10; })
{
    private async Task<string> ErrorOfAsync(string token, StateEvent @event) =>
        (await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(token, @event))).Message;

    /// <summary>The children of session <paramref name="token"/>'s actor (its background tasks are named bg-&lt;n&gt;).</summary>
    private async Task<IReadOnlyList<IActorRef>> SessionChildrenAsync(string token) =>
        [.. ((ActorRefWithCell)await SessionActorAsync(token)).Children];

    private async Task StillWorksAsync(string token, TestProbe client, int expected)
    {
        await Hub.DispatchAsync(token, Event("CounterState.Increment"));
        await ExpectValueAsync(client, "CounterState", "count", expected);
    }

    [Fact]
    public async Task An_unknown_handler_or_state_is_refused_naming_what_exists()
    {
        var (token, client) = await NewSessionAsync();

        var noHandler = await ErrorOfAsync(token, Event("CounterState.Explode"));
        Assert.StartsWith("Unknown event handler 'CounterState.Explode': CounterState has no public handler of that name (it has Add, AddLaterAsync,", noHandler, StringComparison.Ordinal);

        var noState = await ErrorOfAsync(token, Event("NopeState.Increment"));
        Assert.Contains("there is no state class named 'NopeState' (this app's states: CounterState, LabelState, MyTaskState, PostsState)", noState, StringComparison.Ordinal);

        var unqualified = await ErrorOfAsync(token, Event("Increment"));
        Assert.Contains("name it as StateName.Handler", unqualified, StringComparison.Ordinal);

        await StillWorksAsync(token, client, 1);
    }

    [Fact]
    public async Task A_payload_that_does_not_fit_names_the_handler_and_the_argument()
    {
        var (token, client) = await NewSessionAsync();

        Assert.Equal("Event CounterState.Add: argument 'amount' is missing from the payload; send it as an int.", await ErrorOfAsync(token, Raw("CounterState.Add", "{}")));
        Assert.Equal("Event CounterState.Add: argument 'amount' must be an int, not the string \"three\".", await ErrorOfAsync(token, Raw("CounterState.Add", """{"amount":"three"}""")));
        Assert.Equal("Event CounterState.Add: argument 'amount' must be an int, not the number 1.5.", await ErrorOfAsync(token, Raw("CounterState.Add", """{"amount":1.5}""")));
        Assert.Equal("Event CounterState.Add: argument 'amount' must be an int, not null.", await ErrorOfAsync(token, Raw("CounterState.Add", """{"amount":null}""")));
        Assert.Equal("Event CounterState.Add: argument 'extra' is not one the handler takes; it takes only 'amount'.", await ErrorOfAsync(token, Raw("CounterState.Add", """{"amount":1,"extra":2}""")));
        Assert.Equal(
            "Event CounterState.Add: the payload must be a JSON object that names the arguments, such as {\"amount\": ...}, not the array [1].",
            await ErrorOfAsync(token, Raw("CounterState.Add", "[1]")));
        Assert.Equal(
            "Event CounterState.Increment: the handler takes no arguments, so the payload must be empty or {}, not the number 5.",
            await ErrorOfAsync(token, Raw("CounterState.Increment", "5")));
        Assert.Equal("Event CounterState.Increment: argument 'amount' is not one the handler takes; it takes no arguments.", await ErrorOfAsync(token, Raw("CounterState.Increment", """{"amount":1}""")));
        Assert.Equal("Event MyTaskState.SetRunning: argument 'value' must be a bool, not the string \"yes\".", await ErrorOfAsync(token, Raw("MyTaskState.SetRunning", """{"value":"yes"}""")));

        await StillWorksAsync(token, client, 1);
    }

    [Fact]
    public async Task A_payload_that_does_not_fit_a_background_task_is_refused_and_starts_no_task()
    {
        var (token, client) = await NewSessionAsync();

        Assert.Equal("Event CounterState.Pump: argument 'times' is missing from the payload; send it as an int.", await ErrorOfAsync(token, Event("CounterState.Pump")));
        Assert.Equal("Event CounterState.Pump: argument 'times' must be an int, not the string \"x\".", await ErrorOfAsync(token, Event("CounterState.Pump", new { times = "x" })));
        Assert.Equal("Event CounterState.Pump: argument 'times' must be an int, not the string \"x\".", await ErrorOfAsync(token, StateEvent.FromArguments("CounterState.Pump", "x")));
        Assert.Equal("Event CounterState.Pump: 2 arguments were given, but the handler takes only 1 ('times').", await ErrorOfAsync(token, StateEvent.FromArguments("CounterState.Pump", 1, 2)));
        Assert.Equal("Event CounterState.Pump: argument 'extra' is not one the handler takes; it takes only 'times'.", await ErrorOfAsync(token, Event("CounterState.Pump", new { times = 1, extra = 2 })));

        var replies = CreateTestProbe();
        Hub.Send(token, Event("CounterState.Pump"), replies.Ref);
        Assert.Contains("'times' is missing", (await replies.ExpectMsgAsync<EventCompleted>()).Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Hub.BackgroundTasks, t => t.SessionToken == token);
        Assert.DoesNotContain(await SessionChildrenAsync(token), c => c.Path.Name.StartsWith("bg-", StringComparison.Ordinal));

        await Hub.DispatchAsync(token, Event("CounterState.Pump", new { times = 2 }));   // the task runs with the arguments bound
        await ExpectValueAsync(client, "CounterState", "count", 2);
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task A_write_outside_the_lock_fails_the_background_task_with_the_seed_advice()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("CounterState.WriteOutsideLock"));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("CounterState.WriteOutsideLock", error.Handler);
        Assert.Contains("Cannot change CounterState.count: outside its lock, a background task sees a read-only snapshot", error.Message, StringComparison.Ordinal);
        Assert.Contains("await using (await LockAsync(cancellationToken))", error.Message, StringComparison.Ordinal);
        await NoBackgroundTasksAsync(token);
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Count));
        await StillWorksAsync(token, client, 1);
    }

    [Fact]
    public async Task A_nested_lock_in_the_same_task_is_refused()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("CounterState.NestedLock"));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Contains("already holds the lock of this state", error.Message, StringComparison.Ordinal);
        await NoBackgroundTasksAsync(token);
        await StillWorksAsync(token, client, 1);   // the outer lock was released
    }

    [Fact]
    public async Task A_direct_call_of_a_background_task_is_refused()
    {
        var (token, client) = await NewSessionAsync();

        var message = await ErrorOfAsync(token, Event("CounterState.CallBackgroundDirectly"));

        Assert.Contains("CounterState.Pump called LockAsync outside a background task", message, StringComparison.Ordinal);
        Assert.Contains("return CounterState.Events.Pump() from an event handler instead of calling it directly", message, StringComparison.Ordinal);
        await StillWorksAsync(token, client, 1);
    }

    [Fact]
    public async Task Too_many_queued_events_are_refused_and_the_accepted_ones_still_run()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));
        var replies = CreateTestProbe();

        Hub.Send(token, Event("CounterState.WaitAtGate"), replies.Ref);   // starts, and waits at the gate: it no longer counts as waiting
        await CounterState.HeldSignal(token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 4; i++)
        {
            Hub.Send(token, Event("CounterState.Increment"), replies.Ref);
        }

        var refused = await replies.ExpectMsgAsync<EventCompleted>();
        Assert.Equal("CounterState.Increment", refused.Handler);
        Assert.Contains("3 events of this session are already waiting (lifespan.sessions.max-queued-events = 3)", refused.Error, StringComparison.Ordinal);

        gate.Release();
        for (var i = 0; i < 4; i++)
        {
            Assert.Null((await replies.ExpectMsgAsync<EventCompleted>()).Error);
        }

        Assert.Equal(104, await ReadAsync<CounterState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task Events_cannot_pile_up_while_a_handler_holds_its_thread()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));
        var replies = CreateTestProbe();

        // A synchronous handler that holds its thread: what arrives meanwhile waits in the mailbox, not in the queue.
        Hub.Send(token, Event("CounterState.HoldThread"));
        await CounterState.HeldSignal(token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 10; i++)
        {
            Hub.Send(token, Event("CounterState.Increment"), replies.Ref);
        }

        for (var i = 0; i < 7; i++)
        {
            var refused = await replies.ExpectMsgAsync<EventCompleted>();
            Assert.Contains("3 events of this session are already waiting (lifespan.sessions.max-queued-events = 3)", refused.Error, StringComparison.Ordinal);
        }

        for (var i = 0; i < 5; i++)
        {
            Hub.Send(token, Event("CounterState.Add", new { amount = 1 }));   // no one to answer: the subscribers hear of it
        }

        gate.Release();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await replies.ExpectMsgAsync<EventCompleted>()).Error);
        }

        var report = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("CounterState.Add", report.Handler);
        Assert.StartsWith("5 events were refused, the last of them CounterState.Add: the session's queue was full (lifespan.sessions.max-queued-events = 3)", report.Message, StringComparison.Ordinal);
        Assert.Equal(1003, await ReadAsync<CounterState, int>(token, s => s.Count));
        await StillWorksAsync(token, client, 1004);
    }

    /// <summary>
    /// Holds back <c>/user/sessions</c>'s messages, as a registry slower than its senders would: the registry is
    /// suspended (with its children, the sessions) until <see cref="ReleaseRegistry"/>. A message it has in hand finishes.
    /// </summary>
    private IInternalActorRef HoldRegistry()
    {
        var registry = (IInternalActorRef)Hub.Registry;
        registry.Suspend();
        return registry;
    }

    private static void ReleaseRegistry(IInternalActorRef registry) => registry.Resume();

    [Fact]
    public async Task Events_cannot_pile_up_in_the_registry_for_sessions_that_are_starting()
    {
        var tokens = Enumerable.Range(0, 12).Select(_ => SessionToken.New()).ToArray();
        var replies = CreateTestProbe();
        var registry = HoldRegistry();

        for (var i = 0; i < tokens.Length; i++)
        {
            Hub.Send(tokens[i], Event("CounterState.Increment"), replies.Ref, correlationId: i);
        }

        for (var i = 10; i < 12; i++)   // a first event for each of max-sessions new sessions may wait; no more
        {
            var refused = await replies.ExpectMsgAsync<EventCompleted>();
            Assert.Equal(i, refused.CorrelationId);
            Assert.StartsWith("Event CounterState.Increment was refused: 10 events for sessions that are starting are already waiting (lifespan.sessions.max-sessions)", refused.Error, StringComparison.Ordinal);
        }

        ReleaseRegistry(registry);
        for (var i = 0; i < 10; i++)
        {
            Assert.Null((await replies.ExpectMsgAsync<EventCompleted>()).Error);
        }

        Assert.Equal(1, await ReadAsync<CounterState, int>(tokens[9], s => s.Count));
    }

    [Fact]
    public async Task Events_on_their_way_through_the_registry_count_against_their_sessions_limit()
    {
        var (token, client) = await NewSessionAsync();
        var replies = CreateTestProbe();
        var registry = HoldRegistry();

        for (var i = 0; i < 5; i++)
        {
            Hub.Send(token, Event("CounterState.Increment"), replies.Ref, correlationId: i);
        }

        for (var i = 3; i < 5; i++)
        {
            var refused = await replies.ExpectMsgAsync<EventCompleted>();
            Assert.Equal(i, refused.CorrelationId);
            Assert.Contains("3 events of this session are already waiting (lifespan.sessions.max-queued-events = 3)", refused.Error, StringComparison.Ordinal);
        }

        ReleaseRegistry(registry);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await replies.ExpectMsgAsync<EventCompleted>()).Error);
        }

        await StillWorksAsync(token, client, 4);
    }

    [Fact]
    public async Task An_invalid_token_is_refused()
    {
        var error = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync("../etc/passwd", Event("CounterState.Increment")));
        Assert.Contains("a session token may hold only letters, digits, '-' and '_'", error.Message, StringComparison.Ordinal);

        var tooLong = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(new string('a', 129), Event("CounterState.Increment")));
        Assert.Contains("at most 128 characters", tooLong.Message, StringComparison.Ordinal);
    }
}
