using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Lifespan;

public sealed class RegistrationTests
{
    private static Task PollUpdates(int foo, string bar, CancellationToken stopping) => Task.Delay(Timeout.Infinite, stopping);

    private static async IAsyncEnumerable<string> SetupModel()
    {
        await Task.Yield();
        yield return "model";
    }

    private static IAsyncDisposable OpenPool() => new Pool();

    private static Task<IAsyncDisposable> OpenPoolAsync() => Task.FromResult<IAsyncDisposable>(new Pool());

    private static void Warm() { }

    private static int Answer() => 42;

    private static Task<int> AnswerAsync() => Task.FromResult(42);

#pragma warning disable VSTHRD100, CA1849 // the point of the test: async void is rejected
    private static async void Fire() => await Task.Yield();
#pragma warning restore VSTHRD100, CA1849

    private sealed class Pool : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Cache : ILifespanResource
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public void Shapes_and_names_are_recognised()
    {
        var (host, _) = LifespanHost.Build(a => a
            .RegisterLifespanTask(PollUpdates, new { foo = 42, bar = "x" })
            .RegisterLifespanTask(SetupModel)
            .RegisterLifespanTask(OpenPool)
            .RegisterLifespanTask(OpenPoolAsync, options: new LifespanTaskOptions { Name = "pool-async" })
            .RegisterLifespanTask<Cache>()
            .RegisterLifespanTask(Warm));
        var tasks = host.GetLifespanTasks();
        Assert.Equal(["poll-updates", "setup-model", "open-pool", "pool-async", "cache", "warm"], tasks.Select(t => t.Name));
        Assert.Equal(
            [LifespanTaskShape.LongRunning, LifespanTaskShape.AsyncEnumerableResource, LifespanTaskShape.AsyncDisposableResource,
             LifespanTaskShape.AsyncDisposableResource, LifespanTaskShape.LifespanResource, LifespanTaskShape.Synchronous],
            tasks.Select(t => t.Shape));
        Assert.All(tasks, t => Assert.Equal(LifespanTaskStatus.Pending, t.Status));
        Assert.Equal(Enumerable.Range(0, 6), tasks.Select(t => t.Index));
    }

    [Fact]
    public void Other_shapes_are_rejected_naming_the_accepted_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(Answer)));
        Assert.Contains("Lifespan task 'answer' returns int,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IAsyncEnumerable<T> method with one yield", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(AnswerAsync)));
        Assert.Contains("returns Task<int>,", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(Fire)));
        Assert.Contains("'async void'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_that_matches_no_parameter_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates, new { foo = 1, bar = "b", baz = 2 })));
        Assert.Contains("Lifespan task 'poll-updates' has no parameter named 'baz'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("foo, bar, stopping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_of_the_wrong_type_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates, new { foo = "forty", bar = "b" })));
        Assert.Equal("Lifespan task 'poll-updates': argument 'foo' is the string \"forty\", which does not convert to an int; pass an int instead.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates, new { foo = 1L << 40, bar = "b" })));
        Assert.Equal("Lifespan task 'poll-updates': argument 'foo' is the long 1099511627776, which is out of range for an int; pass an int instead.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates, new { foo = (int?)null, bar = "b" })));
        Assert.Equal("Lifespan task 'poll-updates': argument 'foo' is null, but the parameter is an int, which cannot be null; pass an int, or declare the parameter as int?.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask((Uri endpoint) => Task.CompletedTask, new { endpoint = "http://x" })));
        Assert.Equal("Lifespan task 'lambda': argument 'endpoint' is the string \"http://x\", but the parameter is a Uri; pass a Uri instead.", ex.Message);
    }

    [Fact]
    public async Task A_parameter_nothing_can_supply_fails_before_anything_starts_naming_task_and_parameter()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(PollUpdates, new { foo = 1 }));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("Lifespan task 'poll-updates': nothing can supply parameter 'bar' of type string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(LifespanTaskStatus.Pending, host.GetLifespanTasks()[0].Status);
        host.Dispose();
    }

    [Fact]
    public void Registering_on_the_built_host_checks_dependency_injection_at_once()
    {
        var (host, _) = LifespanHost.Build(_ => { });
        var ex = Assert.Throws<InvalidOperationException>(() => host.RegisterLifespanTask((Uri endpoint) => Task.CompletedTask));
        Assert.Contains("nothing can supply parameter 'endpoint' of type Uri", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.GetLifespanTasks());   // a rejected task is not kept
        host.Dispose();
    }

    [Fact]
    public void A_duplicate_name_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(Warm).RegisterLifespanTask(Warm)));
        Assert.Contains("A lifespan task named 'warm' is already registered", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" warm")]
    [InlineData("warm\n")]
    public void An_empty_or_padded_name_is_rejected(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a => a.RegisterLifespanTask(Warm, options: new LifespanTaskOptions { Name = name })));
        Assert.StartsWith("A lifespan task's Name must be non-empty, without leading or trailing spaces or control characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_restart_settings_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LifespanHost.Build(a =>
            a.RegisterLifespanTask(Warm, options: new LifespanTaskOptions { MinBackoff = TimeSpan.Zero })));
        Assert.Contains("Lifespan task 'warm': MinBackoff must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_after_the_lifespan_has_begun_throws()
    {
        Exception? fromTask = null;
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask((LifespanApp app) =>
        {
            try
            {
                app.RegisterLifespanTask(Warm);
            }
            catch (InvalidOperationException ex)
            {
                fromTask = ex;
            }
        }));
        await host.StartAsync();
        Assert.NotNull(fromTask);
        Assert.Contains("must be registered before the app starts", fromTask.Message, StringComparison.Ordinal);
        var late = Assert.Throws<InvalidOperationException>(() => host.RegisterLifespanTask(Warm));
        Assert.Contains("must be registered before the app starts", late.Message, StringComparison.Ordinal);
        await host.StopWithin(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    [Fact]
    public void GetLifespanTasks_is_an_immutable_list_in_registration_order()
    {
        var (host, _) = LifespanHost.Build(a => a.RegisterLifespanTask(Warm));
        var before = host.GetLifespanTasks();
        host.RegisterLifespanTask(SetupModel);
        Assert.Single(before);
        Assert.Equal(2, host.GetLifespanTasks().Count);
        Assert.Throws<NotSupportedException>(() => ((IList<LifespanTask>)before).Add(before[0]));
        host.Dispose();
    }

    [Fact]
    public void Registration_works_from_the_injectable_LifespanApp()
    {
        var (host, _) = LifespanHost.Build(_ => { });
        var app = host.Services.GetRequiredService<LifespanApp>();
        var task = app.RegisterLifespanTask(Warm, options: new LifespanTaskOptions { Name = "explicit" });
        Assert.Equal("explicit", task.Name);
        Assert.Same(task, host.GetLifespanTasks()[0]);
        host.Dispose();
    }
}
