using System.Collections.Concurrent;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State.Sessions;

/// <summary>
/// An idle session applies a sent event on the sending thread, in the session's own context; everything else (a busy
/// session, a send from inside an actor or under a synchronization context, the option turned off) queues it.
/// </summary>
public sealed class InlineEventTests() : SessionTestKit(o => o.AddState<InlineProbeState>().MaxQueuedEvents = 10_000)
{
    [ThreadStatic] private static bool t_insideSend;   // set on the sending thread around a Send

    [Fact]
    public async Task An_idle_session_applies_an_event_on_the_sending_thread_before_Send_returns()
    {
        var (token, deliveries) = await NewObservedSessionAsync();

        var (sender, deliveredBeforeReturn) = await Task.Run(() =>
        {
            SendMarked(token, CounterState.Events.Add(5));
            return (Environment.CurrentManagedThreadId, deliveries.Count);
        });

        Assert.Equal(1, deliveredBeforeReturn);
        var delivery = Assert.Single(deliveries);
        Assert.True(delivery.InsideSend);
        Assert.Equal(sender, delivery.Thread);
        Assert.Equal(5, Value(((SessionDelta)delivery.Message).Json, "CounterState", "count")!.Value.GetInt32());
    }

    [Fact]
    public async Task An_inline_event_runs_in_the_sessions_context_and_leaks_nothing_back_to_the_sender()
    {
        var (token, deliveries) = await NewObservedSessionAsync();

        var ambientAfterSend = await Task.Run(() =>
        {
            InlineProbeState.Ambient.Value = "the sender's";
            SendMarked(token, InlineProbeState.Events.ReadAmbient());
            return InlineProbeState.Ambient.Value;
        });

        Assert.Equal("the sender's", ambientAfterSend);
        Assert.True(Assert.Single(deliveries).InsideSend);
        Assert.Equal("(none)", await ReadAsync<InlineProbeState, string?>(token, s => s.SeenAmbient));
    }

    [Fact]
    public async Task What_an_inline_handler_sets_in_its_context_does_not_stay_with_a_sender_in_the_default_context()
    {
        var (token, deliveries) = await NewObservedSessionAsync();

        Task<string?> send;
        using (ExecutionContext.SuppressFlow())
        {
            send = Task.Run(() =>   // a pool thread in the default context, as the session's own runs have
            {
                SendMarked(token, InlineProbeState.Events.ReadAmbient());
                return InlineProbeState.Ambient.Value;
            });
        }

        Assert.Null(await send);
        Assert.True(Assert.Single(deliveries).InsideSend);
    }

    [Fact]
    public async Task A_handler_that_throws_on_the_sending_thread_reports_to_subscribers_and_not_to_the_sender()
    {
        var (token, deliveries) = await NewObservedSessionAsync();

        await Task.Run(() => SendMarked(token, CounterState.Events.FailAfterChange("boom")));

        Assert.All(deliveries, d => Assert.True(d.InsideSend));
        Assert.Contains(deliveries, d => d.Message is SessionError { Message: "boom" });
        Assert.Contains(deliveries, d => d.Message is SessionDelta);
        await Hub.DispatchAsync(token, CounterState.Events.Add(1));   // the session goes on
        Assert.Equal(8, await ReadAsync<CounterState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_send_from_a_subscriber_callback_is_queued_instead_of_nesting_a_second_session_in_the_first()
    {
        var (second, deliveries) = await NewObservedSessionAsync();
        var first = SessionToken.New();
        var forwarded = 0;
        var relayedInsideSend = false;
        var relay = Sys.CreateFunctionRef((message, _) =>
        {
            if (message is SessionDelta && Interlocked.Exchange(ref forwarded, 1) == 0)
            {
                relayedInsideSend = t_insideSend;   // the first session's event was applied inline
                SendMarked(second, CounterState.Events.Add(2));   // on the first session's run
            }
        });
        await Hub.SubscribeAsync(first, relay);
        await QuiescentAsync(first);

        await Task.Run(() => SendMarked(first, CounterState.Events.Add(1)));

        await AwaitConditionAsync(() => !deliveries.IsEmpty, Dilated(TimeSpan.FromSeconds(10)));
        Assert.True(relayedInsideSend);
        Assert.False(Assert.Single(deliveries).InsideSend);
        Assert.Equal(2, await ReadAsync<CounterState, int>(second, s => s.Count));
    }

    [Fact]
    public async Task A_send_under_a_synchronization_context_is_queued()
    {
        var (token, deliveries) = await NewObservedSessionAsync();

        await Task.Run(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            try
            {
                SendMarked(token, CounterState.Events.Add(3));
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(null);
            }
        });

        await AwaitConditionAsync(() => !deliveries.IsEmpty, Dilated(TimeSpan.FromSeconds(10)));
        Assert.False(Assert.Single(deliveries).InsideSend);
    }

    [Fact]
    public async Task Events_applied_inline_and_queued_behind_an_async_handler_keep_the_order_sent()
    {
        var (token, deliveries) = await NewObservedSessionAsync();
        var session = Hub.GetSession(token);
        const int n = 3000;

        await Task.Run(() => Marked(() =>
        {
            for (var i = 1; i <= n; i++)
            {
                session.Send(CounterState.Events.Record(i));
                if (i % 250 == 0)
                {
                    session.Send(CounterState.Events.AddLaterAsync(0));   // keeps the session busy: the next sends queue
                }
            }
        }));

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(n, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
        Assert.Contains(deliveries, d => d.InsideSend);    // some were applied by the sender
        Assert.Contains(deliveries, d => !d.InsideSend);   // and some by the session's own runs
    }

    [Fact]
    public void GetSession_refuses_a_token_that_cannot_be_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Hub.GetSession("not a token!"));
        Assert.Equal("token", error.ParamName);
        Assert.Contains("cannot be a session token", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A subscribed, idle session and what its subscriber got, with whether it came inside a marked Send on the same thread.</summary>
    private async Task<(string Token, ConcurrentQueue<Delivery> Deliveries)> NewObservedSessionAsync()
    {
        var token = SessionToken.New();
        var deliveries = new ConcurrentQueue<Delivery>();
        var subscriber = Sys.CreateFunctionRef((message, _) => deliveries.Enqueue(new Delivery(message, t_insideSend, Environment.CurrentManagedThreadId)));
        await Hub.SubscribeAsync(token, subscriber);
        await QuiescentAsync(token);
        return (token, deliveries);
    }

    private void SendMarked(string token, StateEvent @event) => Marked(() => Hub.Send(token, @event));

    private static void Marked(Action send)
    {
        t_insideSend = true;
        try
        {
            send();
        }
        finally
        {
            t_insideSend = false;
        }
    }

    private sealed record Delivery(object Message, bool InsideSend, int Thread);
}

/// <summary>With <see cref="SessionOptions.AllowInlineEvents"/> off, every event goes to the session's mailbox.</summary>
public sealed class InlineEventsOffTests() : SessionTestKit(o => o.AllowInlineEvents = false)
{
    [Fact]
    public async Task An_event_is_applied_by_the_sessions_own_run_and_never_on_the_sending_thread()
    {
        var token = SessionToken.New();
        var appliedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = Sys.CreateFunctionRef((message, _) =>
        {
            if (message is SessionDelta)
            {
                appliedOn.TrySetResult(Environment.CurrentManagedThreadId);
            }
        });
        await Hub.SubscribeAsync(token, subscriber);

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
}
