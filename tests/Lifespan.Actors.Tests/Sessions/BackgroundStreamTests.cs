using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>Background tasks that are async streams and yield inside and outside the lock.</summary>
public partial class StreamState : global::Lifespan.Actors.State.State
{
    /// <summary>Per session: completed by a task once it got where a test waits for it.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Reached = new();

    /// <summary>Per session: completed by a test to let a task go on.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Released = new();

    public partial int Count { get; set; }

    public void Add(int amount) => Count += amount;

    [BackgroundTask]
    public async IAsyncEnumerable<StateEvent?> YieldInsideLock([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using (await LockAsync(cancellationToken))
        {
            Count++;
            yield return Events.Add(10);   // queued behind the lock
            Count++;                       // still under the lock
            yield return null;             // a step that awaits nothing
            Count++;
            Signal(Reached, ClientToken!).TrySetResult();
            await Signal(Released, ClientToken!).Task.WaitAsync(cancellationToken);   // a step that awaits
            yield return null;
            Count++;
        }
    }

    [BackgroundTask]
    public async IAsyncEnumerable<StateEvent?> NestedLockAfterYield([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using (await LockAsync(cancellationToken))
        {
            Count = 1;
            yield return null;
            await using (await LockAsync(cancellationToken))
            {
                Count = -2;
            }
        }
    }

    [BackgroundTask]
    public async IAsyncEnumerable<StateEvent?> WriteAfterTheBlock([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using (await LockAsync(cancellationToken))
        {
            Count = 1;
            yield return null;
        }

        yield return null;
        Count = -1;
    }

    /// <summary>Yields, holding no lock, while another flow of the task holds it; then takes its own turn.</summary>
    [BackgroundTask]
    public async IAsyncEnumerable<StateEvent?> YieldWhileAnotherFlowHolds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var holds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = Task.Run(
            async () =>
            {
                await using (await LockAsync(cancellationToken))
                {
                    holds.SetResult();
                    await release.Task.WaitAsync(cancellationToken);
                    Count += 100;
                }
            },
            cancellationToken);

        await holds.Task.WaitAsync(cancellationToken);
        yield return null;
        yield return null;
        release.SetResult();
        await using (await LockAsync(cancellationToken))   // waits for the other flow: this one holds nothing
        {
            Count++;
        }

        await other;
    }

    public static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string token) =>
        signals.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class BackgroundStreamTests() : SessionTestKit(o => o.AddState<StreamState>())
{
    [Fact]
    public async Task A_lock_held_at_a_yield_is_still_held_after_it_and_the_yielded_event_runs_once_it_is_released()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("StreamState.YieldInsideLock"));
        await StreamState.Signal(StreamState.Reached, token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, (await NextValueAsync(client, "StreamState", "count")).GetInt32());     // each yield sends what changed
        Assert.Equal(2, (await NextValueAsync(client, "StreamState", "count")).GetInt32());     // so far, the lock still held
        var sent = Hub.DispatchAsync(token, StreamState.Events.Add(100));
        Assert.False(sent.IsCompleted);   // the lock is still held
        StreamState.Signal(StreamState.Released, token).SetResult();
        await sent;

        Assert.Equal(3, (await NextValueAsync(client, "StreamState", "count")).GetInt32());     // the third yield
        Assert.Equal(4, (await NextValueAsync(client, "StreamState", "count")).GetInt32());     // the block's end
        Assert.Equal(14, (await NextValueAsync(client, "StreamState", "count")).GetInt32());    // then the event it yielded
        Assert.Equal(114, (await NextValueAsync(client, "StreamState", "count")).GetInt32());   // then the one sent meanwhile
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task A_nested_lock_after_a_yield_is_refused_and_the_session_goes_on()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("StreamState.NestedLockAfterYield"));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Equal("StreamState.NestedLockAfterYield", error.Handler);
        Assert.Contains("already holds the lock of this state", error.Message, StringComparison.Ordinal);
        await NoBackgroundTasksAsync(token);
        await Hub.DispatchAsync(token, StreamState.Events.Add(1));   // the lock was released
        Assert.Equal(2, await ReadAsync<StreamState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_yield_after_the_block_no_longer_holds_the_lock()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("StreamState.WriteAfterTheBlock"));

        var error = await client.FishForMessageAsync<SessionError>(_ => true);
        Assert.Contains("Cannot change StreamState.count: outside its lock", error.Message, StringComparison.Ordinal);
        await NoBackgroundTasksAsync(token);
        Assert.Equal(1, await ReadAsync<StreamState, int>(token, s => s.Count));
    }

    [Fact]
    public async Task A_flow_that_yields_holding_nothing_waits_for_the_lock_another_flow_of_the_task_holds()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("StreamState.YieldWhileAnotherFlowHolds"));

        await ExpectValueAsync(client, "StreamState", "count", 101);
        await NoBackgroundTasksAsync(token);
    }
}
