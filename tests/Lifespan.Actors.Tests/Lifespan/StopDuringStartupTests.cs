using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>
/// <c>StopApplication()</c> while the lifespan tasks are starting is an orderly stop: nothing more starts, what has
/// started is stopped in order, nothing is reported as a failure, and the host's run ends normally.
/// </summary>
public sealed class StopDuringStartupTests : TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private IAsyncEnumerable<string> Resource(string name, Task? setup = null) => Body(TestActor, name, setup ?? Task.CompletedTask);

    private static async IAsyncEnumerable<string> Body(IActorRef probe, string name, Task setup)
    {
        probe.Tell($"{name} setting up");
        await setup;
        probe.Tell($"{name} set up");
        yield return name;
        probe.Tell($"{name} torn down");
    }

    private async Task Poller(CancellationToken stopping)
    {
        TestActor.Tell("poller started");
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            TestActor.Tell("poller cancelled");
        }
    }

    private static LifespanTaskOptions Named(string name) => new() { Name = name };

    private static void AssertNothingFailed(CapturingLoggerProvider log) =>
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error || e.Text.Contains("failed to start", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_setup_that_stops_the_application_ends_the_startup_in_order_and_the_run_ends_normally()
    {
        var (host, log) = LifespanHost.Build(a => a
            .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
            .RegisterLifespanTask(Poller, options: Named("poller"))
            .RegisterLifespanTask((IHostApplicationLifetime lifetime) => { TestActor.Tell("migrating"); lifetime.StopApplication(); }, options: Named("migrate-only"))
            .RegisterLifespanTask(() => Resource("cache"), options: Named("cache")));
        var tasks = host.GetLifespanTasks();

        await host.RunAsync().WaitAsync(Deadline);   // returns: no exception

        var events = (await ReceiveNAsync(6).ToListAsync()).Cast<string>().ToList();
        Assert.Equal(["db setting up", "db set up"], events[..2]);
        Assert.Equal(["migrating", "poller started"], events[2..4].Order(StringComparer.Ordinal));   // the poller runs on its own
        Assert.Equal(["poller cancelled", "db torn down"], events[4..]);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(
            [LifespanTaskStatus.TornDown, LifespanTaskStatus.Cancelled, LifespanTaskStatus.Completed, LifespanTaskStatus.Pending],
            tasks.Select(t => t.Status));
        AssertNothingFailed(log);
    }

    [Fact]
    public async Task A_stop_while_a_setup_awaits_its_token_cancels_that_setup_and_undoes_the_ones_before()
    {
        var (host, log) = LifespanHost.Build(a => a
            .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
            .RegisterLifespanTask(WaitForStop, options: Named("model"))
            .RegisterLifespanTask(() => Resource("cache"), options: Named("cache")));
        var tasks = host.GetLifespanTasks();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        var run = host.RunAsync();
        await ExpectMsgAsync("db setting up");
        await ExpectMsgAsync("db set up");
        await ExpectMsgAsync("model setting up");
        lifetime.StopApplication();   // Ctrl+C, SIGTERM, or any code of the app
        await run.WaitAsync(Deadline);

        await ExpectMsgAsync("db torn down");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal([LifespanTaskStatus.TornDown, LifespanTaskStatus.Cancelled, LifespanTaskStatus.Pending], tasks.Select(t => t.Status));
        AssertNothingFailed(log);
    }

    [Fact]
    public async Task A_setup_that_ignores_the_stop_is_given_up_after_the_service_stop_timeout_and_torn_down_when_it_finishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, log) = LifespanHost.Build(
            a => a
                .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
                .RegisterLifespanTask(() => Resource("stubborn", release.Task), options: Named("stubborn"))
                .RegisterLifespanTask(() => Resource("cache"), options: Named("cache")),
            akka: LifespanHost.PhaseTimeout(CoordinatedShutdown.PhaseServiceStop, TimeSpan.FromMilliseconds(300)));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        var run = host.RunAsync();
        await ExpectMsgAsync("db setting up");
        await ExpectMsgAsync("db set up");
        await ExpectMsgAsync("stubborn setting up");
        lifetime.StopApplication();
        await ExpectMsgAsync("db torn down", Deadline);
        await run.WaitAsync(Deadline);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("stubborn", StringComparison.Ordinal));
        AssertNothingFailed(log);

        release.SetResult();   // the setup ends after the stop gave up on it: it is torn down at once
        await ExpectMsgAsync("stubborn set up");
        await ExpectMsgAsync("stubborn torn down");
    }

    [Fact]
    public async Task A_stop_during_the_last_setup_still_stops_what_started_before_the_host_goes_on()
    {
        var (host, log) = LifespanHost.Build(a => a
            .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
            .RegisterLifespanTask((IHostApplicationLifetime lifetime) => lifetime.StopApplication(), options: Named("stop")));
        var tasks = host.GetLifespanTasks();
        var statusWhenHostStarted = new TaskCompletionSource<LifespanTaskStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => statusWhenHostStarted.TrySetResult(tasks[0].Status));

        await host.RunAsync().WaitAsync(Deadline);

        Assert.Equal(LifespanTaskStatus.TornDown, await statusWhenHostStarted.Task.WaitAsync(Deadline));   // undone within the lifespan's start
        AssertNothingFailed(log);
    }

    [Fact]
    public async Task Only_the_shutdown_handlers_the_startup_reached_run_and_each_once()
    {
        var (host, log) = LifespanHost.Build(a => a
            .OnShutdown(() => TestActor.Tell("first handler"))
            .RegisterLifespanTask((IHostApplicationLifetime lifetime) => lifetime.StopApplication(), options: Named("stop"))
            .OnShutdown(() => TestActor.Tell("second handler")));

        await host.RunAsync().WaitAsync(Deadline);   // the undo, then the host's own stop

        await ExpectMsgAsync("first handler");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        AssertNothingFailed(log);
    }

    private async IAsyncEnumerable<string> WaitForStop([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken stopping)
    {
        TestActor.Tell("model setting up");
        await Task.Delay(Timeout.Infinite, stopping);
        yield return "model";
    }
}
