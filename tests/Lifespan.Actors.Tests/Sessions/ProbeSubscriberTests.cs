using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>A session's deltas as a test sees them: an Akka <see cref="TestProbe"/> subscribed to the session.</summary>
public sealed class ProbeSubscriberTests : TestKit
{
    [Fact]
    public async Task A_probe_subscribed_to_a_session_receives_its_deltas()
    {
        var hub = SessionHub.Start(Sys, new SessionOptions().AddState<CounterState>());
        var token = SessionToken.New();
        var probe = CreateTestProbe();

        await hub.SubscribeAsync(token, probe.Ref);
        hub.Send(token, CounterState.Events.Add(5));
        hub.Send(token, CounterState.Events.Increment());

        Assert.Equal("""{"CounterState":{"count":5}}""", (await probe.ExpectMsgAsync<SessionDelta>()).Json);
        Assert.Equal("""{"CounterState":{"count":6}}""", (await probe.ExpectMsgAsync<SessionDelta>()).Json);
    }
}
