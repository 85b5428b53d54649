using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public sealed class ConcurrencyTests() : SessionTestKit(o => o.MaxQueuedEvents = 20_000)
{
    [Fact]
    public async Task Every_increment_counts_exactly_on_many_sessions_mixing_events_background_loops_and_shared_lock_flows()
    {
        const int sessions = 40, events = 50, loops = 3, perLoop = 20, flows = 4, perFlow = 10;
        var tokens = Enumerable.Range(0, sessions).Select(_ => SessionToken.New()).ToList();

        await Parallel.ForEachAsync(tokens, async (token, _) =>
        {
            for (var i = 0; i < loops; i++)
            {
                Hub.Send(token, CounterState.Events.Pump(perLoop));
            }

            Hub.Send(token, CounterState.Events.Fan(flows, perFlow));
            for (var i = 0; i < events; i++)
            {
                Hub.Send(token, CounterState.Events.Increment());
                if (i % 10 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        foreach (var token in tokens)
        {
            await Hub.DispatchAsync(token, CounterState.Events.Add(0));   // behind every event sent: all background tasks have started
        }

        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count == 0, Dilated(TimeSpan.FromSeconds(30)), "background tasks still running");
        foreach (var token in tokens)
        {
            Assert.Equal(events + (loops * perLoop) + (flows * perFlow), await ReadAsync<CounterState, int>(token, s => s.Count));
        }
    }

    [Fact]
    public async Task Ten_thousand_events_on_one_session_arrive_in_order_and_none_is_lost()
    {
        var token = SessionToken.New();

        for (var n = 1; n <= 10_000; n++)
        {
            Hub.Send(token, CounterState.Events.Record(n));
        }

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(10_000, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }

    [Fact]
    public async Task Order_holds_per_session_while_many_sessions_are_fed_in_parallel()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => SessionToken.New()).ToList();

        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (token, _) =>
        {
            for (var n = 1; n <= 500; n++)
            {
                Hub.Send(token, n % 7 == 0 ? StateEvent.Create("CounterState.Record", new { n }) : CounterState.Events.Record(n));
                if (n % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        foreach (var token in tokens)
        {
            await Hub.DispatchAsync(token, CounterState.Events.Add(0));
            Assert.Equal(500, await ReadAsync<CounterState, int>(token, s => s.Count));
            Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
        }
    }
}
