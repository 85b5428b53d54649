using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>
/// A hot reload restarts every running Development app in the process, so these tests run alone: a reload here must
/// not restart the hosts of tests running in parallel (and theirs must not restart these).
/// </summary>
[Collection(HotReloadCollection.Name)]
public sealed class HotReloadTests : TestKit
{
    private static async IAsyncEnumerable<int> Resource(IActorRef probe)
    {
        probe.Tell("set up");
        await Task.Yield();
        yield return 1;
        probe.Tell("torn down");
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public async Task A_hot_reload_restarts_the_lifespan_tasks_in_Development_only(string environment, bool restarts)
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(Resource, new { probe = TestActor }), environment: environment);
        await host.StartAsync();
        await ExpectMsgAsync("set up");

        LifespanHotReload.UpdateApplication(null);   // what the runtime calls after `dotnet watch` applies an edit

        if (restarts)
        {
            await ExpectMsgAsync("torn down");
            await ExpectMsgAsync("set up");
        }
        else
        {
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        }

        await host.StopWithin(TimeSpan.FromSeconds(30));
        await ExpectMsgAsync("torn down");
        host.Dispose();
    }

    [Fact]
    public async Task Concurrent_restarts_take_turns_and_leave_one_copy_of_each_task()
    {
        var (setUp, tornDown, running) = (0, 0, 0);
        async IAsyncEnumerable<int> Counted()
        {
            Interlocked.Increment(ref setUp);
            await Task.Yield();
            yield return 1;
            Interlocked.Increment(ref tornDown);
        }

        async Task Poll(CancellationToken stopping)
        {
            Interlocked.Increment(ref running);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Decrement(ref running);
            }
        }

        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(Counted).RegisterLifespanTask(Poll));
        await host.StartAsync();
        var app = (LifespanApp)host.Services.GetService(typeof(LifespanApp))!;
        await Task.WhenAll(app.RestartAsync(), app.RestartAsync(), app.RestartAsync());
        await AwaitConditionAsync(() => Volatile.Read(ref running) == 1, null, "one poller running");
        Assert.Equal(Volatile.Read(ref tornDown) + 1, Volatile.Read(ref setUp));
        Assert.Equal(4, Volatile.Read(ref setUp));

        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Equal(Volatile.Read(ref setUp), Volatile.Read(ref tornDown));
        Assert.Equal(0, Volatile.Read(ref running));
        host.Dispose();
    }

    [Fact]
    public async Task A_setup_that_fails_on_a_hot_reload_is_logged_and_the_next_reload_starts_it_again()
    {
        var setUps = 0;
        async IAsyncEnumerable<int> FailsOnce()
        {
            if (Interlocked.Increment(ref setUps) == 2)
            {
                throw new InvalidOperationException("broken by the edit");
            }

            await Task.Yield();
            yield return 1;
        }

        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(FailsOnce), environment: "Development");
        await host.StartAsync();
        var task = ((LifespanApp)host.Services.GetService(typeof(LifespanApp))!).GetLifespanTasks().Single();

        LifespanHotReload.UpdateApplication(null);
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Faulted, null, "the failed setup");
        await AwaitConditionAsync(() => log.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception?.Message == "broken by the edit"), null, "the failure logged");

        LifespanHotReload.UpdateApplication(null);   // the next edit
        await AwaitConditionAsync(() => task.Status == LifespanTaskStatus.Running, null, "set up again");

        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public void RestartAsync_before_the_start_is_an_error()
    {
        var (host, _) = LifespanHost.Build(_ => { });
        var app = (LifespanApp)host.Services.GetService(typeof(LifespanApp))!;
        var ex = Assert.Throws<InvalidOperationException>(() => { _ = app.RestartAsync(); });
        Assert.Contains("has not started yet", ex.Message, StringComparison.Ordinal);
        host.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HotReloadCollection
{
    public const string Name = "hot reload";
}
