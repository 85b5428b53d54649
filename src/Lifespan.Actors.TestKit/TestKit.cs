using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace Lifespan.Actors.TestKit;

/// <summary>
/// Base class for xunit tests of actors: each test gets its own <see cref="ActorSystem"/> (<see cref="Sys"/>),
/// a default probe (<see cref="TestActor"/>) and the probe's expectations as methods; the system is terminated
/// after the test, and the test fails if it does not terminate in time.
/// </summary>
public abstract class TestKit : IAsyncLifetime
{
    private static int s_systems;
    private readonly TestProbe _testActor;
    private int _probes;

    /// <summary>Creates the test's actor system.</summary>
    /// <param name="output">When given, the kernel's and the actors' logs go to the test's output.</param>
    /// <param name="options">TestKit settings; <see langword="null"/> for the defaults.</param>
    protected TestKit(ITestOutputHelper? output = null, TestKitOptions? options = null)
    {
        Options = options ?? new TestKitOptions();
        var systemOptions = new ActorSystemOptions();
        if (output is not null)
        {
            systemOptions.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug));
        }

        Options.ConfigureSystem?.Invoke(systemOptions);
        Sys = ActorSystem.Create($"test-{Interlocked.Increment(ref s_systems)}", systemOptions);
        _testActor = CreateTestProbe("testActor");
    }

    /// <summary>The test's actor system.</summary>
    protected ActorSystem Sys { get; }

    /// <summary>The TestKit settings.</summary>
    protected TestKitOptions Options { get; }

    /// <summary>The default probe; the expectation methods of this class read its messages.</summary>
    protected TestProbe TestActor => _testActor;

    /// <summary>Creates another probe in the test's system.</summary>
    protected TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, Options, name ?? $"probe{Interlocked.Increment(ref _probes)}");

    /// <summary><paramref name="duration"/> multiplied by <see cref="TestKitOptions.TimeFactor"/>.</summary>
    protected TimeSpan Dilated(TimeSpan duration) => Options.Dilate(duration);

    /// <inheritdoc cref="TestProbe.ExpectMsgAsync{T}(Predicate{T}?, TimeSpan?, string?)"/>
    protected Task<T> ExpectMsgAsync<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null, string? hint = null) =>
        _testActor.ExpectMsgAsync<T>(predicate, timeout, hint);

    /// <inheritdoc cref="TestProbe.ExpectMsgAsync{T}(T, TimeSpan?, string?)"/>
    protected Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null, string? hint = null) where T : notnull =>
        _testActor.ExpectMsgAsync<T>(expected, timeout, hint);

    /// <inheritdoc cref="TestProbe.ExpectNoMsgAsync"/>
    protected Task ExpectNoMsgAsync(TimeSpan? duration = null) => _testActor.ExpectNoMsgAsync(duration);

    /// <inheritdoc cref="TestProbe.ReceiveNAsync"/>
    protected Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null) => _testActor.ReceiveNAsync(count, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsgAllOfAsync{T}(T[])"/>
    protected Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(params T[] expected) where T : notnull => _testActor.ExpectMsgAllOfAsync(expected);

    /// <inheritdoc cref="TestProbe.ExpectMsgAllOfAsync{T}(IEnumerable{T}, TimeSpan?)"/>
    protected Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(IEnumerable<T> expected, TimeSpan? timeout) where T : notnull =>
        _testActor.ExpectMsgAllOfAsync(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsgAnyOfAsync{T}(T[])"/>
    protected Task<T> ExpectMsgAnyOfAsync<T>(params T[] expected) where T : notnull => _testActor.ExpectMsgAnyOfAsync(expected);

    /// <inheritdoc cref="TestProbe.ReceiveWhileAsync{T}(Predicate{T}?, TimeSpan?, TimeSpan?, int)"/>
    protected Task<IReadOnlyList<T>> ReceiveWhileAsync<T>(Predicate<T>? shouldContinue = null, TimeSpan? max = null, TimeSpan? idle = null, int count = int.MaxValue) =>
        _testActor.ReceiveWhileAsync(shouldContinue, max, idle, count);

    /// <inheritdoc cref="TestProbe.FishForMessageAsync(Predicate{object}, TimeSpan?, string?)"/>
    protected Task<object> FishForMessageAsync(Predicate<object> isTheOne, TimeSpan? timeout = null, string? hint = null) =>
        _testActor.FishForMessageAsync(isTheOne, timeout, hint);

    /// <inheritdoc cref="TestProbe.WatchAsync"/>
    protected Task WatchAsync(IActorRef actor) => _testActor.WatchAsync(actor);

    /// <inheritdoc cref="TestProbe.ExpectTerminatedAsync"/>
    protected Task<Terminated> ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null) => _testActor.ExpectTerminatedAsync(actor, timeout);

    /// <inheritdoc cref="TestProbe.WithinAsync(TimeSpan, Func{Task})"/>
    protected Task WithinAsync(TimeSpan max, Func<Task> body) => _testActor.WithinAsync(max, body);

    /// <inheritdoc cref="TestProbe.WithinAsync(TimeSpan, TimeSpan, Func{Task})"/>
    protected Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> body) => _testActor.WithinAsync(min, max, body);

    /// <inheritdoc cref="TestProbe.AwaitAssertAsync(Action, TimeSpan?, TimeSpan?)"/>
    protected Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) => _testActor.AwaitAssertAsync(assertion, duration, interval);

    /// <inheritdoc cref="TestProbe.AwaitAssertAsync(Func{Task}, TimeSpan?, TimeSpan?)"/>
    /// <remarks>Without this overload an async lambda would bind to <see cref="Action"/> as async void, and never be awaited.</remarks>
    protected Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null) => _testActor.AwaitAssertAsync(assertion, duration, interval);

    /// <inheritdoc cref="TestProbe.AwaitConditionAsync(Func{bool}, TimeSpan?, TimeSpan?, string?)"/>
    protected Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, string? message = null) => _testActor.AwaitConditionAsync(condition, max, null, message);

    /// <inheritdoc cref="TestProbe.AwaitConditionAsync(Func{Task{bool}}, TimeSpan?, TimeSpan?, string?)"/>
    protected Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? max = null, string? message = null) => _testActor.AwaitConditionAsync(condition, max, null, message);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Terminates the test's actor system; fails the test if it does not terminate within the dilated shutdown timeout.</summary>
    public virtual async Task DisposeAsync()
    {
        var limit = Dilated(Options.ShutdownTimeout);
        try
        {
            await Sys.Terminate().WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TestKitException($"Actor system {Sys.Name} did not terminate within {limit} after the test.");
        }
    }
}
