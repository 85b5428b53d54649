using System.Collections.Concurrent;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>
/// A sent event is applied by the session's own run, never on the sending thread: the handler sees none of the
/// sender's context and leaks nothing back to it, its errors go to the subscribers, and a subscriber may send on.
/// </summary>
public sealed class SendingThreadTests() : SessionTestKit(o => o.AddState<AmbientProbeState>().MaxQueuedEvents = 10_000)
{
    [Fact]
    public async Task An_event_is_applied_by_the_sessions_own_run_and_never_on_the_sending_thread()
    {
        var token = SessionToken.New();
        var appliedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Hub.SubscribeAsync(token, CallbackActor(message =>
        {
            if (message is SessionDelta)
            {
                appliedOn.TrySetResult(Environment.CurrentManagedThreadId);
            }
        }));
        await QuiescentAsync(token);

        // A thread of its own that sends and then waits for the delta: the session cannot have borrowed it.
        var senderThread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = Dilated(TimeSpan.FromSeconds(10));
        new Thread(() =>
        {
            Hub.Send(token, CounterState.Events.Add(4));
            appliedOn.Task.Wait(timeout);
            senderThread.TrySetResult(Environment.CurrentManagedThreadId);
        }) { IsBackground = true }.Start();

        var applied = await appliedOn.Task.WaitAsync(timeout);
        Assert.NotEqual(await senderThread.Task.WaitAsync(timeout), applied);
        Assert.Equal(4, await ReadAsync<CounterState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_handler_runs_in_the_sessions_context_sees_nothing_of_the_senders_and_leaks_nothing_back()
    {
        var token = SessionToken.New();
        await QuiescentAsync(token);

        var ambientAfterSend = await Task.Run(async () =>
        {
            AmbientProbeState.Ambient.Value = "the sender's";
            Hub.Send(token, AmbientProbeState.Events.ReadAmbient());
            await QuiescentAsync(token);
            return AmbientProbeState.Ambient.Value;
        });

        Assert.Equal("the sender's", ambientAfterSend);
        Assert.Equal("(none)", await ReadAsync<AmbientProbeState, string?>(token, s => s.SeenAmbient));
    }

    [Fact]
    public async Task A_handler_that_throws_for_an_event_sent_without_reply_tells_the_subscribers_and_the_session_goes_on()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, CounterState.Events.FailAfterChange("boom"));

        await ExpectValueAsync(client, "CounterState", "count", 7);   // its change is kept and sent
        Assert.Equal("boom", (await client.FishForMessageAsync<SessionError>(_ => true)).Message);
        await Hub.DispatchAsync(token, CounterState.Events.Add(1));
        Assert.Equal(8, await ReadAsync<CounterState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_subscriber_that_sends_to_another_session_on_a_delta_gets_it_applied()
    {
        var first = SessionToken.New();
        var second = SessionToken.New();
        var relayed = 0;
        await Hub.SubscribeAsync(first, CallbackActor(message =>
        {
            if (message is SessionDelta && Interlocked.Exchange(ref relayed, 1) == 0)
            {
                Hub.Send(second, CounterState.Events.Add(2));
            }
        }));
        var secondClient = CreateTestProbe();
        await Hub.SubscribeAsync(second, secondClient.Ref);

        Hub.Send(first, CounterState.Events.Add(1));

        await ExpectValueAsync(secondClient, "CounterState", "count", 2);
        Assert.Equal(1, await ReadAsync<CounterState, int>(first, s => s.Count));
    }

    [Fact]
    public async Task Events_sent_through_a_session_handle_keep_the_order_sent_behind_async_handlers()
    {
        var (token, _) = await NewSessionAsync();
        var deltas = new ConcurrentQueue<SessionDelta>();
        await Hub.SubscribeAsync(token, CallbackActor(message =>
        {
            if (message is SessionDelta delta)
            {
                deltas.Enqueue(delta);
            }
        }));
        var session = Hub.GetSession(token);
        const int n = 3000;

        await Task.Run(() =>
        {
            for (var i = 1; i <= n; i++)
            {
                session.Send(CounterState.Events.Record(i));
                if (i % 250 == 0)
                {
                    session.Send(CounterState.Events.AddLaterAsync(0));   // keeps the session busy: the next sends queue
                }
            }
        });

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(n, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
        await AwaitConditionAsync(() => deltas.Count >= n, Dilated(TimeSpan.FromSeconds(10)), "the subscriber did not get every delta");
        var counts = deltas.Select(d => Value(d.Json, "CounterState", "count")!.Value.GetInt32()).ToList();
        Assert.Equal(counts.Order(), counts);   // the subscriber saw the counts rise, one delta per change, in order
        Assert.Equal(n, counts.Count);
    }

    [Fact]
    public void GetSession_refuses_a_token_that_cannot_be_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Hub.GetSession("not a token!"));
        Assert.Equal("token", error.ParamName);
        Assert.Contains("cannot be a session token", error.Message, StringComparison.Ordinal);
    }
}
