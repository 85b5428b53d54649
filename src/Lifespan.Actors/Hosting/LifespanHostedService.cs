using Lifespan.Actors.State;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The host's side of the lifespan. Before the web server stops listening (<see cref="StoppingAsync"/>), the sessions'
/// background tasks are cancelled and awaited, so that a task calling the app's own HTTP API is not cut off
/// mid-request; the rest of the shutdown runs in Akka's <see cref="CoordinatedShutdown"/> once the server has drained.
/// Once every hosted service has started, it checks that the actors were started too.
/// </summary>
internal sealed class LifespanHostedService(LifespanController controller, SessionHub sessions, IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>How long <see cref="StoppingAsync"/> waits for background tasks that ignore their token.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!controller.HasStarted && services.GetService(typeof(IHostApplicationLifetime)) is IHostApplicationLifetime { ApplicationStopping.IsCancellationRequested: false })
        {
            throw new InvalidOperationException(
                "Lifespan.Actors' services are registered but its actors never started: call AddLifespanActors(services) on the " +
                "AkkaConfigurationBuilder inside builder.Services.AddAkka(\"name\", (akka, services) => akka.AddLifespanActors(services)).");
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        controller.MarkStopping();
        if (!sessions.IsStarted)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseTimeout);
        try
        {
            await sessions.CloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // named in a warning by CloseAsync; the shutdown goes on
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
