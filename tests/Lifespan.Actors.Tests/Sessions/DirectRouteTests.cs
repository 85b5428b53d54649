using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>
/// A <see cref="SessionHandle"/> tells a running session's events straight to its actor, without going through
/// <c>/user/sessions</c>, and never lets one overtake what the hub sent before it.
/// </summary>
public sealed class DirectRouteTests : SessionTestKit
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (SemaphoreSlim Gate, TaskCompletionSource Held)> _holds = new();

    public DirectRouteTests() => Logs.OnLog = line =>
    {
        foreach (var (marker, hold) in _holds)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                hold.Held.TrySetResult();
                hold.Gate.Wait(TimeSpan.FromSeconds(30));
            }
        }
    };

    /// <summary>
    /// Tells <c>/user/sessions</c> a message that holds it, once it gets to it, on its own thread until the gate is
    /// released: a message it refuses with no one to answer, whose log line waits at the gate. (Suspending the actor
    /// would suspend its children, the sessions, with it.)
    /// </summary>
    private (SemaphoreSlim Gate, Task Held) Hold(string marker)
    {
        var hold = (Gate: new SemaphoreSlim(0), Held: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _holds[marker[..6]] = hold;
        Hub.Registry.Tell(new SessionEvent(marker + "!", StateEvent.Create("CounterState.Increment")), ActorRefs.NoSender);   // no one to answer: logged
        return (hold.Gate, hold.Held.Task);
    }

    private async Task<SemaphoreSlim> HoldRegistryAsync()
    {
        var (gate, held) = Hold("hold-a");
        await held.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        return gate;
    }

    [Fact]
    public async Task A_handle_reaches_a_running_session_while_the_registry_is_held_up()
    {
        var (token, client) = await NewSessionAsync();
        var handle = Hub.GetSession(token);
        handle.Send(CounterState.Events.Add(1));
        await ExpectValueAsync(client, "CounterState", "count", 1);

        var registry = await HoldRegistryAsync();
        try
        {
            handle.Send(CounterState.Events.Add(2));
            await ExpectValueAsync(client, "CounterState", "count", 3);   // applied with /user/sessions suspended

            Hub.Send(token, CounterState.Events.Add(10));   // the hub's own Send goes through /user/sessions: it waits
            await client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            registry.Release();
        }

        await ExpectValueAsync(client, "CounterState", "count", 13);
    }

    [Fact]
    public async Task A_handle_event_waits_behind_what_the_hub_sent_for_the_session_before_it()
    {
        var (token, client) = await NewSessionAsync();
        var handle = Hub.GetSession(token);
        handle.Send(CounterState.Events.Record(1));
        await NextValueAsync(client, "CounterState", "count");

        var registry = await HoldRegistryAsync();
        try
        {
            Hub.Send(token, CounterState.Events.Record(2));   // held in /user/sessions
            handle.Send(CounterState.Events.Record(3));       // must not overtake it
            await client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            registry.Release();
        }

        for (var i = 4; i <= 50; i++)
        {
            handle.Send(CounterState.Events.Record(i));
        }

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(50, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }

    [Fact]
    public async Task A_handle_event_for_a_session_that_is_starting_waits_behind_its_first_events()
    {
        var token = SessionToken.New();
        var handle = Hub.GetSession(token);
        var (first, _) = Hold("hold-b");
        handle.Send(CounterState.Events.Record(1));   // not running yet: through /user/sessions, which starts it
        var (second, held) = Hold("hold-c");           // /user/sessions stops again once the session runs ...
        for (var i = 2; i <= 20; i++)
        {
            handle.Send(CounterState.Events.Record(i));   // ... with these still behind it
        }

        first.Release();
        await held.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        handle.Send(CounterState.Events.Record(21));   // the session runs and its route is open, but 2 to 20 still wait
        second.Release();
        for (var i = 22; i <= 200; i++)
        {
            handle.Send(CounterState.Events.Record(i));
        }

        await Hub.DispatchAsync(token, CounterState.Events.Add(0));
        Assert.Equal(200, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }
}
