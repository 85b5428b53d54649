using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public sealed class BackgroundTaskTests() : SessionTestKit(o => o.LockWarningAfter = TimeSpan.FromMilliseconds(50))
{
    [Fact]
    public async Task A_background_task_runs_beside_the_sessions_other_events()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("CounterState.WaitForCancelKeepOnDisconnect"));
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Any(t => t.SessionToken == token));
        await Hub.DispatchAsync(token, Event("CounterState.Increment"));
        await Hub.DispatchAsync(token, Event("CounterState.Increment"));

        await ExpectValueAsync(client, "CounterState", "count", 2);
        Assert.Single(Hub.BackgroundTasks, t => t.SessionToken == token);   // still running
        Hub.CancelBackgroundTask(Hub.BackgroundTasks.Single(t => t.SessionToken == token).Id);
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task Events_wait_while_a_background_task_holds_the_lock_and_run_when_it_is_released()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));

        Hub.Send(token, Event("CounterState.HoldLock"));
        await CounterState.HeldSignal(token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));   // listed is not yet holding it
        var applied = Hub.DispatchAsync(token, Event("CounterState.Add", new { amount = 10 }));
        await ExpectNoDeltaAsync(client);
        Assert.False(applied.IsCompleted);

        gate.Release();
        await applied;
        await ExpectValueAsync(client, "CounterState", "count", 1);    // the lock's change comes first, as one delta
        await ExpectValueAsync(client, "CounterState", "count", 11);
    }

    [Fact]
    public async Task A_list_taken_before_the_lock_is_the_vars_own_list_inside_it()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));
        await Hub.ModifyStateAsync<CounterState>(token, s => s.Seen.Add(1));
        var seen = Ints(await NextValueAsync(client, "CounterState", "seen"));
        Assert.Equal([1], seen);

        Hub.Send(token, Event("CounterState.AddToListTakenBeforeLock", new { item = 2 }));
        await Hub.ModifyStateAsync<CounterState>(token, s => s.Seen.Add(5));   // after the task's copy was taken
        seen = Ints(await NextValueAsync(client, "CounterState", "seen"));
        Assert.Equal([1, 5], seen);
        gate.Release();

        seen = Ints(await NextValueAsync(client, "CounterState", "seen"));
        Assert.Equal([1, 5, 2], seen);
        await NoBackgroundTasksAsync(token);
        seen = await ReadAsync<CounterState, int[]>(token, s => [.. s.Seen]);
        Assert.Equal([1, 5, 2], seen);
    }

    [Fact]
    public async Task The_running_tasks_are_listed_while_they_run_and_removed_when_they_end()
    {
        var (token, client) = await NewSessionAsync();
        var before = DateTimeOffset.UtcNow;

        Hub.Send(token, Event("CounterState.WaitForCancelKeepOnDisconnect"));
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Any(t => t.SessionToken == token));
        var info = Hub.BackgroundTasks.Single(t => t.SessionToken == token);
        Assert.Equal("CounterState.WaitForCancelKeepOnDisconnect", info.Handler);
        Assert.InRange(info.StartedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow);

        Assert.True(Hub.CancelBackgroundTask(info.Id));
        await info.Ended.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        await ExpectValueAsync(client, "CounterState", "count", -100);   // its finally block ran, under the lock
        Assert.DoesNotContain(Hub.BackgroundTasks, t => t.Id == info.Id);
        Assert.False(Hub.CancelBackgroundTask(info.Id));
    }

    [Fact]
    public async Task Several_instances_of_one_background_task_run_at_once()
    {
        var (token, client) = await NewSessionAsync();

        for (var i = 0; i < 3; i++)
        {
            Hub.Send(token, Event("CounterState.WaitForCancelKeepOnDisconnect"));
        }

        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count(t => t.SessionToken == token) == 3);
        foreach (var task in Hub.BackgroundTasks.Where(t => t.SessionToken == token).ToList())
        {
            Hub.CancelBackgroundTask(task.Id);
        }

        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task Tasks_that_opt_in_are_cancelled_when_the_last_client_leaves_and_the_others_keep_running()
    {
        var (token, client) = await NewSessionAsync();
        var second = CreateTestProbe();
        await Hub.SubscribeAsync(token, second.Ref);

        Hub.Send(token, Event("CounterState.WaitForCancelOnDisconnect"));
        Hub.Send(token, Event("CounterState.WaitForCancelKeepOnDisconnect"));
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count(t => t.SessionToken == token) == 2);

        Hub.Unsubscribe(token, client.Ref);
        await second.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));   // one client is still there: nothing is cancelled
        Assert.Equal(2, Hub.BackgroundTasks.Count(t => t.SessionToken == token));

        Sys.Stop(second.Ref);                                            // the last client goes away
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count(t => t.SessionToken == token) == 1);
        Assert.Equal("CounterState.WaitForCancelKeepOnDisconnect", Hub.BackgroundTasks.Single(t => t.SessionToken == token).Handler);
        Hub.CancelBackgroundTask(Hub.BackgroundTasks.Single(t => t.SessionToken == token).Id);
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task An_event_a_background_task_returns_is_queued_in_its_session()
    {
        var (token, client) = await NewSessionAsync();

        Hub.Send(token, Event("CounterState.IncrementThenChain"));

        await ExpectValueAsync(client, "CounterState", "count", 5);
    }

    [Fact]
    public async Task Shutdown_cancels_background_tasks_and_awaits_them_in_service_requests_done()
    {
        var (token, client) = await NewSessionAsync();
        Hub.Send(token, Event("CounterState.WaitForCancelKeepOnDisconnect"));
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Any(t => t.SessionToken == token));
        var runningAtServiceStop = -1;
        CoordinatedShutdown.Get(Sys).AddTask(CoordinatedShutdown.PhaseServiceStop, "test-count-background-tasks", () =>
        {
            runningAtServiceStop = Hub.BackgroundTasks.Count;
            return Task.FromResult(Done.Instance);
        });

        await CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ClrExitReason.Instance);

        Assert.Equal(0, runningAtServiceStop);
        await ExpectValueAsync(client, "CounterState", "count", -100);
    }

    [Fact]
    public async Task A_task_that_ignores_its_cancellation_at_shutdown_is_named_when_the_phase_gives_up()
    {
        var (token, _) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));
        Hub.Send(token, Event("CounterState.IgnoreCancellation"));
        await CounterState.HeldSignal(token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        var id = Hub.BackgroundTasks.Single(t => t.SessionToken == token).Id;

        using var phaseTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hub.CloseAsync(phaseTimeout.Token));

        var warning = Assert.Single(Logs.Entries, e => e.Text.StartsWith("Shutdown stopped waiting for 1 background tasks", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains($"CounterState.IgnoreCancellation #{id} (session {SessionToken.Redact(token)})", warning.Text, StringComparison.Ordinal);
        gate.Release();
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count == 0, Dilated(TimeSpan.FromSeconds(10)), "background tasks still running");
    }

    [Fact]
    public async Task A_lock_held_too_long_is_logged_as_a_warning()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));

        Hub.Send(token, Event("CounterState.HoldLock"));
        await AwaitConditionAsync(() => Logs.Entries.Any(e => e.Text.Contains("has held the session's lock", StringComparison.Ordinal)), Dilated(TimeSpan.FromSeconds(10)), "no slow-lock warning");

        var warning = Logs.Entries.First(e => e.Text.Contains("has held the session's lock", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("Background task CounterState.HoldLock of session", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, warning.Text, StringComparison.Ordinal);   // tokens are redacted in logs
        gate.Release();
        await NoBackgroundTasksAsync(token);
    }

    private static int[] Ints(System.Text.Json.JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static Task ExpectNoDeltaAsync(TestProbe client) => client.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150)).AsTask();
}
