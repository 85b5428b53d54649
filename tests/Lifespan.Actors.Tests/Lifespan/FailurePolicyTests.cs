using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Lifespan;

public sealed class FailurePolicyTests : TestKit
{
    private static Func<IActorRef, Task> Failing(string message) => async probe =>
    {
        probe.Tell("run");
        await Task.Yield();
        throw new InvalidOperationException(message);
    };

    [Fact]
    public async Task By_default_a_failure_is_logged_at_error_with_the_task_name_and_not_retried()
    {
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(Failing("upstream down"), new { probe = TestActor }, new LifespanTaskOptions { Name = "poller" }));
        await host.StartAsync();
        await ExpectMsgAsync("run");
        var task = host.GetLifespanTasks()[0];
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Faulted);
        Assert.Equal("upstream down", task.Exception?.Message);
        await AwaitAssertAsync(() => Assert.Contains(log.Entries, e =>
            e.Level == LogLevel.Error && e.Text.Contains("poller", StringComparison.Ordinal) && e.Exception?.Message == "upstream down"));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task Restart_runs_the_task_again_with_backoff_up_to_the_limit()
    {
        var options = new LifespanTaskOptions
        {
            Name = "flaky",
            OnFailure = LifespanFailurePolicy.Restart,
            MinBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(40),
            MaxRestarts = 3,
        };
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(Failing("flaky"), new { probe = TestActor }, options));
        await host.StartAsync();
        await ReceiveNAsync(4).ToListAsync();   // the first run and three restarts
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        var task = host.GetLifespanTasks()[0];
        Assert.Equal(3, task.RestartCount);
        Assert.Equal(LifespanTaskStatus.Faulted, task.Status);
        Assert.Contains(log.Entries, e => e.Text.Contains("failed again after 3 restarts", StringComparison.Ordinal));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task An_OperationCanceledException_nobody_asked_for_is_a_failure_and_is_restarted()
    {
        var options = new LifespanTaskOptions
        {
            Name = "http-poller",
            OnFailure = LifespanFailurePolicy.Restart,
            MinBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
            MaxRestarts = 2,
        };
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(async (IActorRef probe) =>
        {
            probe.Tell("run");
            await Task.Yield();
            throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout elapsing.");
        }, new { probe = TestActor }, options));
        await host.StartAsync();
        await ReceiveNAsync(3).ToListAsync();   // the first run and two restarts: not mistaken for a shutdown cancellation
        var task = host.GetLifespanTasks()[0];
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Faulted && task.RestartCount == 2);
        Assert.IsType<TaskCanceledException>(task.Exception);
        await AwaitAssertAsync(() => Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("http-poller", StringComparison.Ordinal)));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task By_default_an_unrequested_cancellation_is_logged_at_error()
    {
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(async () =>
        {
            await Task.Yield();
            throw new OperationCanceledException("upstream timed out");
        }, options: new LifespanTaskOptions { Name = "poller" }));
        await host.StartAsync();
        var task = host.GetLifespanTasks()[0];
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Faulted);
        await AwaitAssertAsync(() => Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("poller", StringComparison.Ordinal)));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task A_run_that_lasted_ResetAfter_resets_the_restart_count()
    {
        var clock = new ManualClock();
        var runs = new SemaphoreSlim(0);
        var options = new LifespanTaskOptions
        {
            Name = "steady",
            OnFailure = LifespanFailurePolicy.Restart,
            MinBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
            MaxRestarts = 1,
            ResetAfter = TimeSpan.FromMinutes(1),
        };
        var (host, _) = LifespanHost.Build(
            a => a.RegisterLifespanTask(async (IActorRef probe, CancellationToken stopping) =>
            {
                probe.Tell("run");
                await runs.WaitAsync(stopping);
                throw new InvalidOperationException("fails after a while");
            }, new { probe = TestActor }, options),
            time: clock);
        await host.StartAsync();

        await ExpectMsgAsync("run");
        runs.Release();                        // fails at once: restart 1 of 1
        await ExpectMsgAsync("run");
        clock.Advance(TimeSpan.FromMinutes(2)); // this run lasts longer than ResetAfter...
        runs.Release();
        await ExpectMsgAsync("run");           // ...so it may restart again despite MaxRestarts = 1
        runs.Release();                        // fails at once again: restart 1 of 1 was used up
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(2, host.GetLifespanTasks()[0].RestartCount);

        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public void The_backoff_grows_exponentially_within_its_bounds_with_jitter()
    {
        var options = new LifespanTaskOptions { MinBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10), RandomFactor = 0.2 };
        var random = new Random(7);
        var delays = Enumerable.Range(1, 6).Select(n => options.Backoff(n, random)).ToList();
        for (var n = 1; n <= 6; n++)
        {
            var expected = Math.Min(Math.Pow(2, n - 1), 10);
            Assert.InRange(delays[n - 1].TotalSeconds, expected, expected * 1.2);
        }
    }

    [Fact]
    public async Task A_task_that_returns_normally_is_completed_not_restarted()
    {
        var options = new LifespanTaskOptions { Name = "once", OnFailure = LifespanFailurePolicy.Restart, MinBackoff = TimeSpan.FromMilliseconds(10) };
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(async (IActorRef probe) => { await Task.Yield(); probe.Tell("ran"); }, new { probe = TestActor }, options));
        await host.StartAsync();
        await ExpectMsgAsync("ran");
        var task = host.GetLifespanTasks()[0];
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Completed);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, task.RestartCount);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task StopApplication_stops_the_host()
    {
        var options = new LifespanTaskOptions { Name = "critical", OnFailure = LifespanFailurePolicy.StopApplication };
        var fail = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(
            async () => { await fail.Task; throw new InvalidOperationException("fatal"); }, options: options));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await host.StartAsync();
        fail.SetResult();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Critical && e.Text.Contains("critical", StringComparison.Ordinal));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task A_StopApplication_task_that_fails_during_startup_fails_the_start_naming_it()
    {
        var options = new LifespanTaskOptions { Name = "critical", OnFailure = LifespanFailurePolicy.StopApplication };
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(Failing("fatal"), new { probe = TestActor }, options)
            .RegisterLifespanTask(SlowSetup));
        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync());
        Assert.Equal("critical", ex.TaskName);
        Assert.Equal("fatal", ex.InnerException?.Message);
        host.Dispose();
    }

    private static async IAsyncEnumerable<int> SlowSetup([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stopping)
    {
        await Task.Delay(Timeout.Infinite, stopping);   // ends only when the app stops
        yield return 1;
    }
}
