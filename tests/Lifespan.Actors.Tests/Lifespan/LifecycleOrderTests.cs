using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>The order of startup and shutdown, observed by a probe each task reports to.</summary>
public sealed class LifecycleOrderTests : TestKit
{
    private static Func<IActorRef, CancellationToken, Task> Poller(string name) => async (probe, stopping) =>
    {
        probe.Tell($"{name} started");
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            probe.Tell($"{name} cancelled");   // the seed's CancelledError
        }
    };

    private static Func<IActorRef, IAsyncEnumerable<string>> Resource(string name, TaskCompletionSource? gate = null) => probe => Body(probe, name, gate);

    private static async IAsyncEnumerable<string> Body(IActorRef probe, string name, TaskCompletionSource? gate)
    {
        probe.Tell($"{name} setting up");
        if (gate is not null)
        {
            await gate.Task;
        }

        probe.Tell($"{name} set up");
        yield return name;
        probe.Tell($"{name} torn down");
    }

    [Fact]
    public async Task Setups_run_in_order_long_running_tasks_are_not_awaited_and_shutdown_reverses_it()
    {
        var (host, log) = LifespanHost.Build(a => a
            .RegisterLifespanTask(Resource("db"), new { probe = TestActor }, new LifespanTaskOptions { Name = "db" })
            .RegisterLifespanTask(Poller("poller-1"), new { probe = TestActor }, new LifespanTaskOptions { Name = "poller-1" })
            .RegisterLifespanTask(Resource("model"), new { probe = TestActor }, new LifespanTaskOptions { Name = "model" })
            .RegisterLifespanTask(Poller("poller-2"), new { probe = TestActor }, new LifespanTaskOptions { Name = "poller-2" }));

        await host.StartAsync();
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        var startup = (await ReceiveNAsync(6).ToListAsync()).Cast<string>().ToList();
        Assert.Equal(["db setting up", "db set up"], startup.Take(2));
        Assert.True(startup.IndexOf("model setting up") > startup.IndexOf("db set up"));
        Assert.Contains("poller-1 started", startup);
        Assert.Contains("poller-2 started", startup);
        Assert.All(host.GetLifespanTasks(), t => Assert.Equal(LifespanTaskStatus.Running, t.Status));

        await host.StopWithin(TimeSpan.FromSeconds(30));
        var shutdown = (await ReceiveNAsync(4).ToListAsync()).Cast<string>().ToList();
        Assert.Equal(["poller-2 cancelled", "poller-1 cancelled"], shutdown.Take(2).OrderByDescending(s => s, StringComparer.Ordinal));
        Assert.Equal(["model torn down", "db torn down"], shutdown.Skip(2));   // after the tasks that may use them
        Assert.Equal(
            [LifespanTaskStatus.TornDown, LifespanTaskStatus.Cancelled, LifespanTaskStatus.TornDown, LifespanTaskStatus.Cancelled],
            host.GetLifespanTasks().Select(t => t.Status));
        host.Dispose();
    }

    [Fact]
    public async Task Long_running_tasks_are_cancelled_in_reverse_registration_order()
    {
        var order = new List<string>();
        var registered = 0;
        Func<CancellationToken, Task> Recorder(string name) => async ct =>
        {
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (ct.Register(() => { lock (order) { order.Add(name); } cancelled.SetResult(); }))
            {
                Interlocked.Increment(ref registered);
                await cancelled.Task;
            }
        };
        var (host, _) = LifespanHost.Build(a =>
        {
            for (var i = 0; i < 5; i++)
            {
                a.RegisterLifespanTask(Recorder($"t{i}"), options: new LifespanTaskOptions { Name = $"t{i}" });
            }
        });
        await host.StartAsync();
        await AwaitConditionAsync(() => Volatile.Read(ref registered) == 5, null, "every task listens to its token");
        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Equal(["t4", "t3", "t2", "t1", "t0"], order);
        host.Dispose();
    }

    [Fact]
    public async Task StartAsync_returns_only_after_every_setup()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(Resource("slow", gate), new { probe = TestActor }, new LifespanTaskOptions { Name = "slow" })
            .RegisterLifespanTask((IActorRef probe) => probe.Tell("next"), new { probe = TestActor }));
        var starting = host.StartAsync();
        await ExpectMsgAsync("slow setting up");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.False(starting.IsCompleted);
        gate.SetResult();
        await ExpectMsgAsync("slow set up");
        await ExpectMsgAsync("next");
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task A_failed_setup_undoes_what_started_and_fails_host_start_naming_the_task()
    {
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(Resource("db"), new { probe = TestActor }, new LifespanTaskOptions { Name = "db" })
            .RegisterLifespanTask(Poller("poller"), new { probe = TestActor }, new LifespanTaskOptions { Name = "poller" })
            .RegisterLifespanTask(Resource("cache"), new { probe = TestActor }, new LifespanTaskOptions { Name = "cache" })
            .RegisterLifespanTask(LifespanHost.FailingSetup, options: new LifespanTaskOptions { Name = "load-model" })
            .RegisterLifespanTask((IActorRef probe) => probe.Tell("never"), new { probe = TestActor }));

        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync());
        Assert.Equal("load-model", ex.TaskName);
        Assert.Contains("Lifespan task 'load-model' failed to start", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model file missing", ex.Message, StringComparison.Ordinal);

        var events = (await this.FishUntilAsync("db torn down")).ToList();
        Assert.True(events.IndexOf("poller cancelled") < events.IndexOf("cache torn down"), string.Join(", ", events));
        Assert.True(events.IndexOf("cache torn down") < events.IndexOf("db torn down"), string.Join(", ", events));
        Assert.DoesNotContain("never", events);
        Assert.True(host.Services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted);
        host.Dispose();
    }

    [Fact]
    public async Task A_failed_start_is_undone_within_the_shutdown_phase_timeouts_not_the_startup_timeout()
    {
        var release = new TaskCompletionSource();
        var (host, log) = LifespanHost.Build(
            a => a
                .RegisterLifespanTask(() => release.Task, options: new LifespanTaskOptions { Name = "stubborn" })
                .RegisterLifespanTask(LifespanHost.FailingSetup, options: new LifespanTaskOptions { Name = "load-model" }),
            akka: LifespanHost.PhaseTimeout(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromMilliseconds(200)));

        // The startup timeout is the default five minutes: waiting on it would blow this bound.
        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("load-model", ex.TaskName);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("stubborn", StringComparison.Ordinal));
        release.SetResult();
        host.Dispose();
    }

    [Fact]
    public async Task A_setup_that_overruns_the_startup_timeout_fails_the_start_and_is_torn_down_when_it_finishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, _) = LifespanHost.Build(
            a => a
                .RegisterLifespanTask(Resource("fast"), new { probe = TestActor }, new LifespanTaskOptions { Name = "fast" })
                .RegisterLifespanTask(Resource("slow", gate), new { probe = TestActor }, new LifespanTaskOptions { Name = "slow" }),
            configuration: new() { ["lifespan:tasks:startup-timeout"] = "500ms" });

        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync());
        Assert.Equal("slow", ex.TaskName);
        Assert.IsType<TimeoutException>(ex.InnerException);
        var events = await this.FishUntilAsync("fast torn down");
        Assert.Contains("slow setting up", events);

        gate.SetResult();   // the slow setup finishes after the start was given up
        await ExpectMsgAsync("slow set up");
        await ExpectMsgAsync("slow torn down");
        host.Dispose();
    }

    [Fact]
    public async Task A_failed_start_runs_the_shutdown_handlers_registered_before_the_failure_once()
    {
        var (host, _) = LifespanHost.Build(a => a
            .OnShutdown((IActorRef probe) => probe.Tell("first handler"), new { probe = TestActor })
            .RegisterLifespanTask(LifespanHost.FailingSetup, options: new LifespanTaskOptions { Name = "load-model" })
            .OnShutdown((IActorRef probe) => probe.Tell("second handler"), new { probe = TestActor }));
        await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync());   // after the undo and the shutdown that follows it
        await ExpectMsgAsync("first handler");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        host.Dispose();
    }

    [Fact]
    public async Task The_guardian_and_task_actors_live_under_user_lifespan()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(Poller("poll"), new { probe = TestActor }, new LifespanTaskOptions { Name = "poll-updates" }));
        await host.StartAsync();
        await ExpectMsgAsync("poll started");
        var system = host.Services.GetRequiredService<ActorSystem>();
        var probe = CreateTestProbe();
        system.ActorSelection("/user/lifespan/*").Tell(new Identify("children"), probe);   // every child of the guardian answers
        var child = await probe.ExpectMsgAsync<ActorIdentity>();
        Assert.Equal("/user/lifespan/0-poll-updates", child.Subject?.Path.ToStringWithoutAddress());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));   // and it is the only one
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task A_task_that_ignores_cancellation_is_named_in_a_warning_and_shutdown_completes()
    {
        var release = new TaskCompletionSource();
        var (host, log) = LifespanHost.Build(
            a => a.RegisterLifespanTask(() => release.Task, options: new LifespanTaskOptions { Name = "stubborn" }),
            akka: LifespanHost.PhaseTimeout(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromMilliseconds(300)));
        await host.StartAsync();
        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("stubborn", StringComparison.Ordinal) && e.Text.Contains("ignored cancellation", StringComparison.Ordinal));
        Assert.True(host.Services.GetRequiredService<ActorSystem>().WhenTerminated.IsCompleted);
        release.SetResult();
        host.Dispose();
    }

    [Fact]
    public async Task A_task_that_blocks_its_thread_does_not_hold_up_the_others()
    {
        using var blocked = new ManualResetEventSlim();
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(() => { blocked.Wait(TimeSpan.FromSeconds(30)); return Task.CompletedTask; }, options: new LifespanTaskOptions { Name = "blocker" })
            .RegisterLifespanTask(Poller("after"), new { probe = TestActor }, new LifespanTaskOptions { Name = "after" }));
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await ExpectMsgAsync("after started");
        blocked.Set();
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public async Task The_older_OnStartup_and_OnShutdown_handlers_run_in_order()
    {
        var (host, _) = LifespanHost.Build(a => a
            .OnStartup((IActorRef probe) => probe.Tell("startup 1"), new { probe = TestActor })
            .OnStartup(async (IActorRef probe) => { await Task.Yield(); probe.Tell("startup 2"); }, new { probe = TestActor })
            .OnShutdown((IActorRef probe) => probe.Tell("shutdown 1"), new { probe = TestActor })
            .OnShutdown(async (IActorRef probe) => { await Task.Yield(); probe.Tell("shutdown 2"); }, new { probe = TestActor }));
        await host.StartAsync();
        Assert.Equal(["startup 1", "startup 2"], (await ReceiveNAsync(2).ToListAsync()).Cast<string>());
        await ExpectNoMsgAsync();
        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Equal(["shutdown 1", "shutdown 2"], (await ReceiveNAsync(2).ToListAsync()).Cast<string>());
        host.Dispose();
    }
}
