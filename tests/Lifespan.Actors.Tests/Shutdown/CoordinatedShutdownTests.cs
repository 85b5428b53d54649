using System.Collections.Concurrent;
using Lifespan.Actors.Shutdown;

namespace Lifespan.Actors.Tests.Shutdown;

public sealed class CoordinatedShutdownTests
{
    private static ActorSystem NewSystem(Action<ShutdownOptions>? configure = null)
    {
        var options = new ActorSystemOptions();
        configure?.Invoke(options.Shutdown);
        return ActorSystem.Create("cs", options);
    }

    [Fact]
    public async Task Phases_run_in_order_and_the_last_one_terminates_the_system()
    {
        await using var system = NewSystem();
        var order = new ConcurrentQueue<string>();
        foreach (var phase in ShutdownPhases.All.Reverse())
        {
            system.CoordinatedShutdown.AddTask(phase, $"record {phase}", _ => { order.Enqueue(phase); return Task.CompletedTask; });
        }

        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ShutdownPhases.All, order);
        Assert.True(system.IsTerminated);
        Assert.Equal(ShutdownReason.ApplicationStop, system.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task RunAsync_runs_once_and_hands_every_caller_the_same_task()
    {
        await using var system = NewSystem();
        var runs = 0;
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "count", _ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        var first = system.CoordinatedShutdown.RunAsync(ShutdownReason.ProcessSignal);
        var second = system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop);
        Assert.Same(first, second);
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await system.Terminate();
        Assert.Equal(1, runs);
        Assert.Equal(ShutdownReason.ProcessSignal, system.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task Terminate_goes_through_the_phases()
    {
        await using var system = NewSystem();
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.CoordinatedShutdown.AddTask(ShutdownPhases.BeforeServiceUnbind, "flag", _ => { ran.SetResult(); return Task.CompletedTask; });
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ran.Task.IsCompleted);
        Assert.Equal(ShutdownReason.ActorSystemTerminate, system.CoordinatedShutdown.Reason);
    }

    [Fact]
    public async Task Tasks_of_one_phase_run_in_parallel()
    {
        await using var system = NewSystem();
        var arrived = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 2; i++)
        {
            system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, $"t{i}", async ct =>
            {
                if (Interlocked.Increment(ref arrived) == 2)
                {
                    both.SetResult();
                }

                await both.Task.WaitAsync(ct);   // each waits for the other: only parallel tasks finish
            });
        }

        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(both.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failing_task_is_logged_and_the_next_phase_still_runs()
    {
        await using var system = NewSystem();
        var later = false;
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceUnbind, "fails", _ => throw new InvalidOperationException("boom"));
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "later", _ => { later = true; return Task.CompletedTask; });
        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(later);
        Assert.True(system.IsTerminated);
    }

    [Fact]
    public async Task An_overrunning_task_is_cut_off_at_the_phase_timeout()
    {
        await using var system = NewSystem(o => o.Phases[ShutdownPhases.ServiceStop] = new ShutdownPhaseOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var release = new TaskCompletionSource();
        var next = false;
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "ignores cancellation", _ => release.Task);
        system.CoordinatedShutdown.AddTask(ShutdownPhases.BeforeActorSystemTerminate, "next", _ => { next = true; return Task.CompletedTask; });
        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(next);
        release.SetResult();
    }

    [Fact]
    public async Task A_task_cancelled_by_the_phase_timeout_is_named_as_one_still_running_is()
    {
        var logs = new CapturingLoggerProvider();
        var options = new ActorSystemOptions { LoggerFactory = new Microsoft.Extensions.Logging.LoggerFactory([logs]) };
        options.Shutdown.Phases[ShutdownPhases.ServiceStop] = new ShutdownPhaseOptions { Timeout = TimeSpan.FromMilliseconds(200) };
        await using var system = ActorSystem.Create("cs", options);
        var release = new TaskCompletionSource();
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "gives up when told", cancellationToken => Task.Delay(Timeout.Infinite, cancellationToken));
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "ignores cancellation", _ => release.Task);
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "done in time", _ => Task.CompletedTask);

        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));

        var warning = Assert.Single(logs.Entries, e => e.Text.StartsWith("Shutdown phase service-stop timed out", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("gave up on: ", warning.Text, StringComparison.Ordinal);
        Assert.Contains("gives up when told", warning.Text, StringComparison.Ordinal);
        Assert.Contains("ignores cancellation", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("done in time", warning.Text, StringComparison.Ordinal);
        release.SetResult();
    }

    [Fact]
    public async Task A_phase_without_recover_skips_to_termination()
    {
        await using var system = NewSystem(o => o.Phases[ShutdownPhases.ServiceUnbind] = new ShutdownPhaseOptions { Recover = false });
        var skipped = true;
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceUnbind, "fails", _ => Task.FromException(new InvalidOperationException()));
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "skipped", _ => { skipped = false; return Task.CompletedTask; });
        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(skipped);
        Assert.True(system.IsTerminated);
    }

    [Fact]
    public async Task Adding_to_an_unknown_phase_or_one_that_ran_is_an_error()
    {
        await using var system = NewSystem();
        var unknown = Assert.Throws<ArgumentException>(() => system.CoordinatedShutdown.AddTask("service-stopp", "x", _ => Task.CompletedTask));
        Assert.Contains("'service-stopp' is not a shutdown phase", unknown.Message, StringComparison.Ordinal);

        var inPhase = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "adds late", _ =>
        {
            try
            {
                system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceUnbind, "too late", _ => Task.CompletedTask);
                inPhase.SetResult(null);
            }
            catch (InvalidOperationException ex)
            {
                inPhase.SetResult(ex);
            }

            return Task.CompletedTask;
        });
        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        var late = await inPhase.Task;
        Assert.NotNull(late);
        Assert.Contains("already reached phase 'service-stop'", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_task_after_the_shutdown_finished_says_the_shutdown_has_run()
    {
        await using var system = NewSystem();
        await system.CoordinatedShutdown.RunAsync(ShutdownReason.ApplicationStop).WaitAsync(TimeSpan.FromSeconds(30));
        var ex = Assert.Throws<InvalidOperationException>(() => system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "after the end", _ => Task.CompletedTask));
        Assert.Contains("'after the end' to phase 'service-stop'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has already run", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_phase_settings_are_rejected_when_the_system_is_created()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewSystem(o => o.Phases["no-such-phase"] = new ShutdownPhaseOptions()));
        Assert.Contains("lifespan.shutdown.phases.no-such-phase is not a shutdown phase", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSystem(o => o.DefaultPhaseTimeout = TimeSpan.Zero));
    }
}
