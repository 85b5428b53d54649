using Akka.Hosting;
using Lifespan.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>Where the lifespan's actors sit in the app's Akka.NET actor system, and how the app reaches them.</summary>
public sealed class ActorTreeTests : TestKit
{
    private static async Task PollUpdates(CancellationToken stopping) => await Task.Delay(Timeout.Infinite, stopping);

    private static async IAsyncEnumerable<string> SetupModel()
    {
        await Task.Yield();
        yield return "model";
    }

    [Fact]
    public async Task Each_task_actor_sits_at_user_lifespan_index_name_below_the_guardian_that_IRequiredActor_resolves()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates).RegisterLifespanTask(SetupModel));
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var timeout = Dilated(TimeSpan.FromSeconds(5));

        var poller = await system.ActorSelection("/user/lifespan/0-poll-updates").ResolveOne(timeout);
        var model = await system.ActorSelection("/user/lifespan/1-setup-model").ResolveOne(timeout);
        var guardian = await host.Services.GetRequiredService<IRequiredActor<LifespanGuardianKey>>().GetAsync();

        Assert.Equal("/user/lifespan", guardian.Path.ToStringWithoutAddress());
        Assert.Equal(guardian, await system.ActorSelection("/user/lifespan").ResolveOne(timeout));   // the live guardian itself
        Assert.Equal(guardian.Path, poller.Path.Parent);
        Assert.Equal(guardian.Path, model.Path.Parent);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }
}
