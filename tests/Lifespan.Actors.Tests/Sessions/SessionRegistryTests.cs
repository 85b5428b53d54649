using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public sealed class SessionRegistryTests() : SessionTestKit(o => { o.PassivateAfter = TimeSpan.FromMilliseconds(250); o.MaxSessions = 3; })
{
    [Fact]
    public async Task An_idle_session_is_saved_stopped_and_restored_on_its_next_event_backend_vars_included()
    {
        var token = SessionToken.New();
        await Hub.DispatchAsync(token, CounterState.Events.Record(5));   // Record(5) after 0 counts as out of order: a backend var
        var session = await SessionActorAsync(token);

        await WatchAsync(session);
        await ExpectTerminatedAsync(session, Dilated(TimeSpan.FromSeconds(10)));
        Assert.NotNull(await Store.LoadAsync(SessionToken.Hash(token), CancellationToken.None));   // keyed by the hash, never the token

        await Hub.DispatchAsync(token, CounterState.Events.Increment());
        Assert.Equal(6, await ReadAsync<CounterState, int>(token, s => s.Count));
        Assert.Equal(1, await ReadAsync<CounterState, int>(token, s => s.Disorder));
    }

    [Fact]
    public async Task A_message_the_registry_fails_on_keeps_the_running_sessions_with_their_state_and_the_session_limit()
    {
        var (a, _) = await NewSessionAsync();
        await NewSessionAsync();
        await NewSessionAsync();
        await Hub.DispatchAsync(a, CounterState.Events.Add(5));

        Hub.Registry.Tell(new BrokenMessage());   // the registry throws (a restart would restart every session with it)
        for (var i = 0; i < 200; i++)
        {
            Hub.Send(a, CounterState.Events.Increment());
        }

        await Hub.DispatchAsync(a, CounterState.Events.Increment());
        Assert.Equal(206, await ReadAsync<CounterState, int>(a, s => s.Count));   // nothing lost, nothing reset
        var refused = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(SessionToken.New(), CounterState.Events.Increment()));
        Assert.Contains("3 sessions are open", refused.Message, StringComparison.Ordinal);
        var logged = Assert.Single(Logs.Entries, e => e.Exception?.Message == BrokenMessage.Reason);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Contains("/user/sessions failed on a BrokenMessage", logged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SessionEvent_without_an_event_is_refused_by_name()
    {
        var sender = CreateTestProbe();
        Hub.Registry.Tell(new SessionEvent(SessionToken.New(), null!, 9), sender.Ref);
        var refused = await sender.ExpectMsgAsync<EventCompleted>();
        Assert.Equal(9, refused.CorrelationId);
        Assert.Contains("needs an Event", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>A session message whose token cannot be read: routing it throws inside the registry.</summary>
    private sealed class BrokenMessage : ISessionMessage
    {
        public const string Reason = "this message breaks the registry";

        public string Token => throw new InvalidOperationException(Reason);
    }

    [Fact]
    public async Task A_session_with_a_subscriber_is_not_passivated()
    {
        var (token, client) = await NewSessionAsync();
        var session = await SessionActorAsync(token);
        await WatchAsync(session);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(700));   // several idle periods pass

        Hub.Unsubscribe(token, client.Ref);
        await ExpectTerminatedAsync(session, Dilated(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Sessions_beyond_the_limit_are_refused_with_the_setting_named()
    {
        for (var i = 0; i < 3; i++)
        {
            var (token, _) = await NewSessionAsync();   // subscribed, so they stay
        }

        var error = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(SessionToken.New(), CounterState.Events.Increment()));
        Assert.Contains("lifespan.sessions.max-sessions = 3", error.Message, StringComparison.Ordinal);

        // Sent with no one to answer: the refusal is logged, as no client would hear of it.
        Hub.Send(SessionToken.New(), CounterState.Events.Increment());
        await AwaitConditionAsync(() => Logs.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Text.Contains("A SessionEvent sent with no one to answer was refused: A new session was refused: 3 sessions are open (lifespan.sessions.max-sessions = 3)", StringComparison.Ordinal)),
            Dilated(TimeSpan.FromSeconds(10)),
            "the refusal was not logged");
    }

    [Fact]
    public async Task Tokens_are_unguessable_and_distinct()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SessionToken.New()).ToHashSet();
        Assert.Equal(1000, tokens.Count);
        Assert.All(tokens, t => Assert.Null(SessionToken.Problem(t)));
        Assert.All(tokens, t => Assert.Equal(16, Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "==").Length));
        await Task.CompletedTask;
    }
}
