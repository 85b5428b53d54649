using System.Collections.Concurrent;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Lifespan;

public sealed class ScopedServiceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public sealed class Scoped : IDisposable
    {
        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Disposed.TrySetResult();
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_scoped_service_is_one_instance_per_task_run_disposed_when_the_run_ends(string environment)
    {
        var seen = new ConcurrentQueue<Scoped>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Run(Scoped scoped, CancellationToken cancellationToken)
        {
            seen.Enqueue(scoped);
            if (seen.Count == 2)
            {
                both.TrySetResult();
            }

            await release.Task.WaitAsync(cancellationToken);
        }

        var (host, _) = LifespanHost.Build(
            a => a.RegisterLifespanTask(Run, options: new LifespanTaskOptions { Name = "first" })
                  .RegisterLifespanTask(Run, options: new LifespanTaskOptions { Name = "second" }),
            services: s => s.AddScoped<Scoped>(),
            environment: environment);
        await host.StartAsync();
        await both.Task.WaitAsync(Deadline);

        var (one, two) = (seen.ElementAt(0), seen.ElementAt(1));
        Assert.NotSame(one, two);
        Assert.False(one.Disposed.Task.IsCompleted);
        release.SetResult();
        await Task.WhenAll(one.Disposed.Task, two.Disposed.Task).WaitAsync(Deadline);   // each with its own run's scope

        await host.StopAsync();
        host.Dispose();
    }
}
