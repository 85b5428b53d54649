using System.Text.Json;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>A TestKit with a <see cref="SessionHub"/> holding the test states, and helpers to read deltas.</summary>
public abstract class SessionTestKit : TestKit
{
    protected SessionTestKit(Action<SessionOptions>? configure = null, IStateStore? store = null, string? akkaConfig = null)
        : base(akkaConfig ?? string.Empty)
    {
        var options = new SessionOptions { DetailedErrors = true }
            .AddState<CounterState>()
            .AddState<LabelState>()
            .AddState<MyTaskState>()
            .AddState<PostsState>();
        configure?.Invoke(options);
        Store = store ?? new InMemoryStateStore();
        Hub = SessionHub.Start(Sys, options, Store, new Microsoft.Extensions.Logging.LoggerFactory([Logs]));
    }

    protected SessionHub Hub { get; }

    /// <summary>What the sessions logged.</summary>
    protected CapturingLoggerProvider Logs { get; } = new();

    protected IStateStore Store { get; }

    /// <summary>A new session token and a probe subscribed to it.</summary>
    protected async Task<(string Token, TestProbe Client)> NewSessionAsync()
    {
        var token = SessionToken.New();
        var client = CreateTestProbe();
        await Hub.SubscribeAsync(token, client.Ref);
        return (token, client);
    }

    /// <summary>
    /// Waits until session <paramref name="token"/> has applied everything sent to it before this call: a change of its
    /// state that does nothing, queued behind those messages in <c>/user/sessions</c> and in the session, comes back.
    /// </summary>
    protected Task QuiescentAsync(string token) => Hub.ModifyStateAsync<CounterState>(token, _ => { });

    /// <summary>The running session <paramref name="token"/>'s actor, <c>/user/sessions/&lt;hash of the token&gt;</c>.</summary>
    protected Task<IActorRef> SessionActorAsync(string token) =>
        Sys.ActorSelection(Hub.Registry.Path / SessionToken.Hash(token)).ResolveOne(Dilated(TimeSpan.FromSeconds(10)));

    /// <summary>An actor that hands every message it gets to <paramref name="receive"/> (on the actor's turn).</summary>
    protected IActorRef CallbackActor(Action<object> receive) =>
        Sys.ActorOf(Props.Create(() => new Callback(receive)));

    /// <summary>The next delta's value of <paramref name="var"/> in <paramref name="state"/>, skipping deltas without it.</summary>
    protected static async Task<JsonElement> NextValueAsync(TestProbe client, string state, string var, TimeSpan? timeout = null)
    {
        var delta = await client.FishForMessageAsync<SessionDelta>(d => Value(d.Json, state, var) is not null, timeout);
        return Value(delta.Json, state, var)!.Value;
    }

    /// <summary>Waits for a delta whose <paramref name="var"/> equals <paramref name="expected"/>.</summary>
    protected static async Task ExpectValueAsync(TestProbe client, string state, string var, int expected, TimeSpan? timeout = null) =>
        await client.FishForMessageAsync<SessionDelta>(d => Value(d.Json, state, var) is { ValueKind: JsonValueKind.Number } v && v.GetInt32() == expected, timeout, $"a delta with {state}.{var} = {expected}");

    protected static JsonElement? Value(string json, string state, string var)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(state, out var s) && s.TryGetProperty(var, out var v) ? v.Clone() : null;
    }

    /// <summary>Reads a session's state between its events.</summary>
    protected async Task<T> ReadAsync<TState, T>(string token, Func<TState, T> read) where TState : global::Lifespan.Actors.State.State
    {
        T result = default!;
        await Hub.ModifyStateAsync<TState>(token, s => { result = read(s); });
        return result;
    }

    /// <summary>Waits until no background task of <paramref name="token"/> runs.</summary>
    protected Task NoBackgroundTasksAsync(string token) =>
        AwaitConditionAsync(() => !Hub.BackgroundTasks.Any(t => t.SessionToken == token), Dilated(TimeSpan.FromSeconds(10)), "background tasks still running");

    protected static StateEvent Event(string handler, object? payload = null) => StateEvent.Create(handler, payload);

    protected static StateEvent Raw(string handler, string json)
    {
        using var document = JsonDocument.Parse(json);
        return StateEvent.FromPayload(handler, document.RootElement);
    }

    private sealed class Callback : ReceiveActor
    {
        public Callback(Action<object> receive) => ReceiveAny(receive);
    }
}
