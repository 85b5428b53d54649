using Lifespan.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>The connection actors run on the inline dispatcher that AddLifespanActors configures.</summary>
public sealed class ConnectionActorTests
{
    [Fact]
    public async Task A_connection_actor_runs_on_the_inline_dispatcher()
    {
        await using var server = await SessionTestServer.StartAsync();
        var system = server.App.Services.GetRequiredService<ActorSystem>();
        var actor = ConnectionActor.Start(system, _ => { });
        try
        {
            Assert.IsType<InlineDispatcher>(system.Dispatchers.Lookup(InlineDispatcher.ConfigId));
            Assert.Equal(InlineDispatcher.ConfigId, ((ActorRefWithCell)actor).Underlying.Props.Dispatcher);
        }
        finally
        {
            system.Stop(actor);
        }
    }
}
