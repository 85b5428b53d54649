using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

public abstract record Shape;

public sealed record Circle(double Radius) : Shape;

/// <summary>Vars whose JSON can go wrong: non-finite numbers, and an abstract record that cannot be read back.</summary>
public partial class FragileState : global::Lifespan.Actors.State.State
{
    public partial double Value { get; set; }

    public partial int Count { get; set; }

    public partial Shape? Figure { get; set; }

    public void Scale(double factor) => Value *= factor;

    public void Increment() => Count++;

    public void Draw(double radius) => Figure = new Circle(radius);

    [BackgroundTask]
    public async Task Bump(CancellationToken cancellationToken)
    {
        await using (await LockAsync(cancellationToken))
        {
            Count++;
        }
    }
}

/// <summary>A store that fails its first load.</summary>
public sealed class FlakyStore : IStateStore
{
    private readonly InMemoryStateStore _inner = new();
    private int _loads;

    public ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _loads) == 1 ? throw new IOException("store unavailable") : _inner.LoadAsync(sessionId, cancellationToken);

    public ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken) => _inner.SaveAsync(sessionId, json, cancellationToken);
}

public sealed class ResilienceTests() : SessionTestKit(o => o.AddState<FragileState>(), new FlakyStore())
{
    [Fact]
    public async Task A_non_finite_number_does_not_wedge_the_session()
    {
        var token = SessionToken.New();
        try
        {
            await Hub.DispatchAsync(token, FragileState.Events.Increment());   // the first load fails: refused
        }
        catch (StateEventException ex)
        {
            Assert.Contains("could not be loaded (store unavailable)", ex.Message, StringComparison.Ordinal);
        }

        var client = CreateTestProbe();
        await Hub.SubscribeAsync(token, client.Ref);
        await Hub.DispatchAsync(token, FragileState.Events.SetValue(1e308));
        await Hub.DispatchAsync(token, FragileState.Events.Scale(10));

        Assert.Contains("\"value\":\"Infinity\"", (await client.FishForMessageAsync<SessionDelta>(d => d.Json.Contains("Infinity", StringComparison.Ordinal))).Json, StringComparison.Ordinal);
        await Hub.DispatchAsync(token, FragileState.Events.Increment());
        Assert.Equal(double.PositiveInfinity, await ReadAsync<FragileState, double>(token, s => s.Value));
    }

    [Fact]
    public async Task A_background_task_whose_state_cannot_be_copied_fails_ends_and_leaves_the_session_working()
    {
        var token = SessionToken.New();
        await Hub.DispatchAsync(token, FragileState.Events.Increment()).ContinueWith(_ => { }, TaskScheduler.Default);   // absorbs the flaky first load
        var client = CreateTestProbe();
        await Hub.SubscribeAsync(token, client.Ref);
        await Hub.DispatchAsync(token, FragileState.Events.Draw(1));

        await Hub.DispatchAsync(token, FragileState.Events.Bump());

        Assert.Equal("FragileState.Bump", (await client.FishForMessageAsync<SessionError>(_ => true)).Handler);
        await NoBackgroundTasksAsync(token);
        await Hub.DispatchAsync(token, FragileState.Events.Increment());
        Assert.True(await ReadAsync<FragileState, int>(token, s => s.Count) >= 1);
    }
}

/// <summary>A store whose loads fail until it is told to recover.</summary>
public sealed class BrokenStore : IStateStore
{
    private readonly InMemoryStateStore _inner = new();

    private volatile bool _broken = true;

    public void Recover() => _broken = false;

    public ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken) =>
        _broken ? throw new IOException("store unavailable") : _inner.LoadAsync(sessionId, cancellationToken);

    public ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken) => _inner.SaveAsync(sessionId, json, cancellationToken);
}

public sealed class LoadRefusalTests() : SessionTestKit(o => o.DetailedErrors = false, new BrokenStore())
{
    [Fact]
    public async Task An_event_refused_because_the_state_could_not_be_loaded_says_so_without_detailed_errors()
    {
        var token = SessionToken.New();

        var refused = await Assert.ThrowsAsync<StateEventException>(() => Hub.DispatchAsync(token, CounterState.Events.Increment()));

        Assert.Contains("The session's saved state could not be loaded (store unavailable); try again.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Logs.Entries, e => e.Text.Contains("failed; changes it made before failing are kept", StringComparison.Ordinal));
        ((BrokenStore)Store).Recover();
        await Hub.DispatchAsync(token, CounterState.Events.Increment());   // the next load succeeds
        Assert.Equal(1, await ReadAsync<CounterState, int>(token, s => s.Count));
    }
}
