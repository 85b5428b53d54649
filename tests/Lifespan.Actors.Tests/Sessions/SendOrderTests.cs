using System.Diagnostics;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>A store whose saves wait at a gate, so a test can act while a session is saving itself.</summary>
public sealed class GatedSaveStore : IStateStore
{
    private readonly InMemoryStateStore _inner = new();

    /// <summary>Released by the test to let waiting saves finish.</summary>
    public SemaphoreSlim Gate { get; } = new(0);

    /// <summary>Completed when the first save has started.</summary>
    public TaskCompletionSource Saving { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken) => _inner.LoadAsync(sessionId, cancellationToken);

    public async ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken)
    {
        Saving.TrySetResult();
        await Gate.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await _inner.SaveAsync(sessionId, json, cancellationToken);
    }
}

/// <summary>
/// Every way of sending to a session (<see cref="SessionHub.Send"/>, a <see cref="SessionHandle"/>,
/// <see cref="SessionHub.DispatchAsync"/>, a <see cref="SessionEvent"/> told to <c>/user/sessions</c>) goes through
/// <c>/user/sessions</c>; these pin down that, mixed and across passivation, events from one sender keep their order
/// and none is lost.
/// </summary>
/// <remarks>
/// Idle sessions are asked to save themselves after 250 ms, so a stalled test host may see a subscribed session asked
/// (and declining) in the middle of a burst; the registry then holds the burst, so its limit is raised above it.
/// </remarks>
public sealed class SendOrderTests() : SessionTestKit(
    o =>
    {
        o.PassivateAfter = TimeSpan.FromMilliseconds(250);
        o.MaxQueuedEvents = 10_000;
    },
    new GatedSaveStore())
{
    private GatedSaveStore Gated => (GatedSaveStore)Store;

    [Fact]
    public async Task Events_told_to_the_registry_sent_by_the_hub_and_dispatched_are_applied_in_the_order_sent()
    {
        var (token, _) = await NewSessionAsync();   // subscribed: it stays running
        const int n = 4000;
        var dispatched = new List<Task>();
        for (var i = 1; i <= n; i++)
        {
            if (i % 7 == 0)
            {
                dispatched.Add(Hub.DispatchAsync(token, CounterState.Events.Record(i)));   // not awaited: sent before it returns
            }
            else if (i % 3 == 0)
            {
                Hub.Registry.Tell(new SessionEvent(token, CounterState.Events.Record(i)));
            }
            else
            {
                Hub.Send(token, CounterState.Events.Record(i));
            }
        }

        await Task.WhenAll(dispatched);
        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(n, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }

    [Fact]
    public async Task A_session_handle_reaches_the_session_before_it_starts_and_after_it_was_passivated_in_order()
    {
        var token = SessionToken.New();
        var handle = Hub.GetSession(token);
        Assert.Equal(token, handle.Token);
        Assert.Equal(Hub.Registry, handle.Sessions);
        handle.Send(CounterState.Events.Add(5));   // starts the session
        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        handle.Send(CounterState.Events.Add(0));
        var session = await SessionActorAsync(token);
        await WatchAsync(session);
        Gated.Gate.Release(1000);
        await ExpectTerminatedAsync(session, Dilated(TimeSpan.FromSeconds(10)));   // idle: saved and stopped

        for (var i = 6; i <= 105; i++)
        {
            handle.Send(CounterState.Events.Record(i));   // the same handle: the session is restored from the store
        }

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(105, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
        Assert.NotEqual(session, await SessionActorAsync(token));   // a new incarnation
    }

    [Fact]
    public async Task Events_sent_while_a_session_saves_itself_wait_for_its_next_incarnation_in_order()
    {
        var token = SessionToken.New();
        for (var i = 1; i <= 50; i++)
        {
            Hub.Send(token, CounterState.Events.Record(i));
        }

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        var session = await SessionActorAsync(token);
        await WatchAsync(session);
        await Gated.Saving.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));   // idle: the registry asked it to save and stop

        for (var i = 51; i <= 150; i++)
        {
            Hub.Send(token, CounterState.Events.Record(i));   // they wait in the registry
        }

        Gated.Gate.Release();   // only this save: had the events reached the saving actor, it would have to save again, and could not stop
        await ExpectTerminatedAsync(session, Dilated(TimeSpan.FromSeconds(10)));
        Gated.Gate.Release(1000);
        await Hub.DispatchAsync(token, CounterState.Events.Add(0));   // behind the buffered events, in the new incarnation
        Assert.Equal(150, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
        Assert.NotEqual(session, await SessionActorAsync(token));
    }
}

/// <summary>Sends count as use: a session that gets only those stays running (idle time two seconds, so that a stall of a loaded test host does not passivate it).</summary>
public sealed class SendUseTests() : SessionTestKit(o => o.PassivateAfter = TimeSpan.FromSeconds(2))
{
    [Fact]
    public async Task A_session_used_only_through_sends_is_not_passivated()
    {
        var token = SessionToken.New();
        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        var session = await SessionActorAsync(token);
        await WatchAsync(session);
        var client = CreateTestProbe();

        var busy = Stopwatch.StartNew();
        var sent = 0;
        while (busy.Elapsed < TimeSpan.FromMilliseconds(5000))   // two and a half idle periods, with events all through them
        {
            Hub.Send(token, CounterState.Events.Increment(), client.Ref, ++sent);
            var done = await client.ExpectMsgAsync<EventCompleted>();
            Assert.Null(done.Error);
            await Task.Yield();
        }

        await ExpectNoMsgAsync(TimeSpan.Zero);   // no Terminated: it was never passivated
        Assert.Equal(session, await SessionActorAsync(token));
        Assert.Equal(sent, await ReadAsync<CounterState, int>(token, s => s.Count));
    }
}
