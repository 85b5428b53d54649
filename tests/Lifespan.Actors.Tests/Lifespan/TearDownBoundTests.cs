using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>
/// A teardown that never finishes is abandoned after its share of the phase; the older resources are still torn
/// down, in order, at shutdown and when a failed start is undone.
/// </summary>
public sealed class TearDownBoundTests : TestKit
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(3);

    private IAsyncEnumerable<string> Resource(string name, Task? tearingDown = null) => Body(TestActor, name, tearingDown ?? Task.CompletedTask);

    private static async IAsyncEnumerable<string> Body(IActorRef probe, string name, Task tearingDown)
    {
        await Task.Yield();
        yield return name;
        probe.Tell($"{name} tearing down");
        await tearingDown;
        probe.Tell($"{name} torn down");
    }

    private static readonly string ShortTearDownPhase = LifespanHost.PhaseTimeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, Phase);

    private static LifespanTaskOptions Named(string name) => new() { Name = name };

    [Fact]
    public async Task A_hung_teardown_is_abandoned_and_the_older_resources_are_still_torn_down_in_order()
    {
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, log) = LifespanHost.Build(
            a => a
                .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
                .RegisterLifespanTask(() => Resource("config"), options: Named("config"))
                .RegisterLifespanTask(() => Resource("hung", never.Task), options: Named("hung"))
                .RegisterLifespanTask(() => Resource("cache"), options: Named("cache")),
            akka: ShortTearDownPhase);
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "probe", () => { TestActor.Tell("actor tree stopping"); return Task.FromResult(Done.Instance); });

        await host.StopWithin(TimeSpan.FromSeconds(30));
        var events = await this.FishUntilAsync("actor tree stopping");
        Assert.Equal(
            ["cache tearing down", "cache torn down", "hung tearing down", "config tearing down", "config torn down", "db tearing down", "db torn down", "actor tree stopping"],
            events);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("hung", StringComparison.Ordinal) && e.Text.Contains("did not finish tearing down within", StringComparison.Ordinal));
        Assert.All(host.GetLifespanTasks().Where(t => t.Name != "hung"), t => Assert.Equal(LifespanTaskStatus.TornDown, t.Status));
        never.SetResult();
        host.Dispose();
    }

    [Fact]
    public async Task A_failed_start_still_undoes_the_older_resources_one_after_the_other_when_a_teardown_hangs()
    {
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, log) = LifespanHost.Build(
            a => a
                .RegisterLifespanTask(() => Resource("db"), options: Named("db"))
                .RegisterLifespanTask(() => Resource("config", config.Task), options: Named("config"))
                .RegisterLifespanTask(() => Resource("hung", never.Task), options: Named("hung"))
                .RegisterLifespanTask(LifespanHost.FailingSetup, options: Named("load-model")),
            akka: ShortTearDownPhase);

        var starting = host.StartAsync();
        await ExpectMsgAsync("hung tearing down");
        await ExpectMsgAsync("config tearing down", TimeSpan.FromSeconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));   // db's teardown waits for config's
        config.SetResult();
        await ExpectMsgAsync("config torn down");
        await ExpectMsgAsync("db tearing down");
        await ExpectMsgAsync("db torn down");

        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => starting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("load-model", ex.TaskName);
        // The shutdown that followed asked for the hung teardown again: it waited for the one running, and did not report it done.
        Assert.DoesNotContain(log.Entries, e => e.Text.Contains("hung is torn down", StringComparison.Ordinal));
        Assert.Equal(LifespanTaskStatus.Running, host.GetLifespanTasks()[2].Status);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("hung", StringComparison.Ordinal) && e.Text.Contains("did not finish tearing down within", StringComparison.Ordinal));
        Assert.Equal(LifespanTaskStatus.TornDown, host.GetLifespanTasks()[0].Status);
        never.SetResult();
        host.Dispose();
    }
}
