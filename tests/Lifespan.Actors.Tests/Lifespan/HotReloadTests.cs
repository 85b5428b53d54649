using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.TestKit;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Lifespan;

public sealed class HotReloadTests : TestKit.TestKit
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
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(Resource, new { probe = TestActor.Ref }), environment: environment);
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
    public void RestartAsync_before_the_start_is_an_error()
    {
        var (host, _) = LifespanHost.Build(_ => { });
        var app = (LifespanApp)host.Services.GetService(typeof(LifespanApp))!;
        var ex = Assert.Throws<InvalidOperationException>(() => { _ = app.RestartAsync(); });
        Assert.Contains("has not started yet", ex.Message, StringComparison.Ordinal);
        host.Dispose();
    }
}
