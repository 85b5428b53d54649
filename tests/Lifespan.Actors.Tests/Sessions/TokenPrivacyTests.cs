using Akka.Event;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>
/// A session token is a secret: a session's actor is named by a hash of it, and what Akka logs of a message that
/// could not be delivered (a dead letter) shows it redacted.
/// </summary>
public sealed class TokenPrivacyTests() : SessionTestKit(akkaConfig: "akka.loglevel = INFO\nakka.log-dead-letters = on")
{
    [Fact]
    public async Task A_sessions_actor_is_named_by_a_hash_of_its_token_and_its_path_does_not_hold_the_token()
    {
        var (token, _) = await NewSessionAsync();

        var session = await SessionActorAsync(token);

        Assert.Equal(Hub.Registry.Path, session.Path.Parent);
        Assert.Equal("/user/sessions", Hub.Registry.Path.ToStringWithoutAddress());
        Assert.Equal(SessionToken.Hash(token), session.Path.Name);
        Assert.DoesNotContain(token, session.Path.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_to_a_stopped_session_go_to_dead_letters_and_neither_they_nor_the_log_show_the_token()
    {
        var (token, _) = await NewSessionAsync();
        var session = await SessionActorAsync(token);
        var deadLetters = CreateTestProbe();
        var log = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(AllDeadLetters));
        Sys.EventStream.Subscribe(log.Ref, typeof(Info));
        await WatchAsync(session);
        Sys.Stop(session);
        await ExpectTerminatedAsync(session);

        object[] messages =
        [
            new SessionEvent(token, CounterState.Events.Increment(), 7),
            new Subscribe(token, TestActor),
            new Unsubscribe(token, TestActor),
            new Subscribed(token, "{}"),
            new SessionDelta(token, "{}"),
            new SessionError(token, "CounterState.Increment", "boom"),
            new EventCompleted(token, "CounterState.Increment", null, 7),
            new CancelBackgroundTasks(token, 0),
            new ModifyState(token, typeof(CounterState), _ => ValueTask.CompletedTask, new TaskCompletionSource()),
        ];
        foreach (var message in messages)
        {
            Assert.DoesNotContain(token, message.ToString(), StringComparison.Ordinal);
            Assert.Contains(SessionToken.Redact(token), message.ToString(), StringComparison.Ordinal);   // still tells sessions apart
            session.Tell(message, TestActor);
        }

        foreach (var message in messages)
        {
            var dead = await deadLetters.ExpectMsgAsync<AllDeadLetters>();
            Assert.Same(message, dead.Message);
            Assert.DoesNotContain(token, dead.ToString(), StringComparison.Ordinal);
        }

        var logged = await log.FishForMessageAsync<Info>(i => i.ToString().Contains("SessionEvent", StringComparison.Ordinal));
        Assert.Contains("not delivered", logged.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, logged.ToString(), StringComparison.Ordinal);
        while (await log.TryReceiveOneAsync(TimeSpan.FromMilliseconds(200)) is (true, var more))
        {
            Assert.DoesNotContain(token, more.Message.ToString(), StringComparison.Ordinal);
        }
    }
}
