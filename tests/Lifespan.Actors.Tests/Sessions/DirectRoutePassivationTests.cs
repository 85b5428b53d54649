using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.Tests.Sessions;

/// <summary>A handle's direct route across passivations: closed while the session saves itself, nothing lost or reordered.</summary>
public sealed class DirectRoutePassivationTests() : SessionTestKit(o => o.PassivateAfter = TimeSpan.FromMilliseconds(50))
{
    [Fact]
    public async Task A_handle_loses_and_reorders_nothing_while_its_session_is_passivated_and_restored_again_and_again()
    {
        var token = SessionToken.New();
        var id = SessionToken.Hash(token);
        var handle = Hub.GetSession(token);
        var sent = 0;
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                handle.Send(CounterState.Events.Record(++sent));   // straight to the session once it runs
            }

            // Idle now: the registry closes the route, saves the session and stops it; the next round restores it.
            await AwaitConditionAsync(
                async () => (await Hub.GetRunningSessionsAsync()).Sessions.All(s => s.Id != id),
                Dilated(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(sent, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(0, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }
}
