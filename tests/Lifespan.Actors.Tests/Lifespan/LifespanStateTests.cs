using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Lifespan;

public sealed class LifespanStateTests
{
    public sealed class ModelCache
    {
        public Dictionary<string, Func<double, double>> Models { get; } = [];
    }

    private static async IAsyncEnumerable<ModelCache> SetupModel()
    {
        var cache = new ModelCache();
        cache.Models["answer_to_everything"] = x => x * 42;
        await Task.Yield();
        yield return cache;
        cache.Models.Clear();
    }

    [Fact]
    public async Task A_resource_yields_state_that_others_read_while_the_app_runs()
    {
        var seenByTask = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(SetupModel)
            .RegisterLifespanTask((LifespanState<ModelCache> state) => seenByTask.SetResult(state.Value.Models["answer_to_everything"](2))));
        var state = host.Services.GetRequiredService<LifespanState<ModelCache>>();

        Assert.False(state.IsAvailable);
        var before = Assert.Throws<InvalidOperationException>(() => state.Value);
        Assert.Contains("has not finished its setup yet, or has already been torn down", before.Message, StringComparison.Ordinal);

        await host.StartAsync();
        Assert.Equal(84, await seenByTask.Task);
        Assert.Equal(84, state.Value.Models["answer_to_everything"](2));
        var cache = state.Value;

        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Empty(cache.Models);   // the teardown ran
        Assert.Throws<InvalidOperationException>(() => state.Value);
        host.Dispose();
    }

    [Fact]
    public async Task Reading_a_state_no_resource_provides_says_to_register_one()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(SetupModel));
        await host.StartAsync();
        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<LifespanState<Uri>>().Value);
        Assert.StartsWith("No lifespan state of type Uri is available: no registered resource yields or returns a Uri, ", ex.Message, StringComparison.Ordinal);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    private sealed class Pool : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_disposable_resource_is_the_state_and_is_disposed_at_teardown()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(async () => { await Task.Yield(); return new Pool(); }));
        await host.StartAsync();
        var pool = host.Services.GetRequiredService<LifespanState<Pool>>().Value;
        Assert.False(pool.Disposed);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.True(pool.Disposed);
        host.Dispose();
    }

    private static async IAsyncEnumerable<int> YieldsTwice()
    {
        await Task.Yield();
        yield return 1;
        yield return 2;
    }

    private static async IAsyncEnumerable<int> NeverYields()
    {
        await Task.Yield();
        yield break;
    }

    [Fact]
    public async Task A_resource_that_never_yields_fails_startup_clearly()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(NeverYields));
        var ex = await Assert.ThrowsAsync<LifespanStartupException>(() => host.StartAsync());
        Assert.Contains("finished without yielding", ex.Message, StringComparison.Ordinal);
        host.Dispose();
    }

    [Fact]
    public async Task A_second_yield_is_reported_at_teardown()
    {
        var (host, log) = LifespanHost.Build(a => a.RegisterLifespanTask(YieldsTwice));
        await host.StartAsync();
        await host.StopWithin(TimeSpan.FromSeconds(30));
        var task = host.GetLifespanTasks()[0];
        Assert.Equal(LifespanTaskStatus.Faulted, task.Status);
        Assert.Contains("yielded a second time", task.Exception?.Message, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Text.Contains("failed during teardown", StringComparison.Ordinal));
        host.Dispose();
    }

    private sealed class Counter : ILifespanResource
    {
        public static int Started;
        public static int Stopped;

        public Task StartAsync(CancellationToken cancellationToken) { Interlocked.Increment(ref Started); return Task.CompletedTask; }

        public Task StopAsync(CancellationToken cancellationToken) { Interlocked.Increment(ref Stopped); return Task.CompletedTask; }
    }

    [Fact]
    public async Task RestartAsync_stops_and_starts_the_tasks_again()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask<Counter>());
        await host.StartAsync();
        var (started, stopped) = (Counter.Started, Counter.Stopped);
        await host.Services.GetRequiredService<LifespanApp>().RestartAsync();
        Assert.Equal((started + 1, stopped + 1), (Counter.Started, Counter.Stopped));
        Assert.Equal(LifespanTaskStatus.Running, host.GetLifespanTasks()[0].Status);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        Assert.Equal(stopped + 2, Counter.Stopped);
        host.Dispose();
    }

    [Fact]
    public async Task Parameters_bind_from_args_dependency_injection_the_app_and_defaults()
    {
        var bound = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, _) = LifespanHost.Build(
            a => a.RegisterLifespanTask(
                (int foo, string bar, Uri endpoint, LifespanApp app, IServiceProvider services, CancellationToken stopping, string suffix = "!") =>
                    bound.SetResult($"{foo} {bar} {endpoint.Host} {app.ActorSystem.Name} {services.GetType().Name.Length > 0} {stopping.CanBeCanceled}{suffix}"),
                new Dictionary<string, object?> { ["foo"] = 42, ["bar"] = "baz" }),
            services => services.AddSingleton(new Uri("http://example.test")));
        await host.StartAsync();
        Assert.Equal("42 baz example.test lifespan-test True True!", await bound.Task);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }
}
