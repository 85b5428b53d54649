using Akka.Hosting;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The host's side of the lifespan. Before the web server stops listening (<see cref="StoppingAsync"/>), the sessions'
/// background tasks are cancelled and awaited, so that a task calling the app's own HTTP API is not cut off
/// mid-request; the rest of the shutdown runs in Akka's <see cref="CoordinatedShutdown"/> once the server has drained.
/// Before anything starts, it checks that the actors will be started too.
/// </summary>
internal sealed class LifespanHostedService(LifespanController controller, SessionHub sessions, IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>
    /// Fails the start, before anything has started, when the Akka half of the set-up is missing: without it the
    /// actors would never start, and the app would serve requests without its lifespan tasks.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // The AddAkka callback runs when its builder is resolved: by now (the host has built its hosted services), or here.
        if (services.GetService(typeof(AkkaConfigurationBuilder)) is null || !controller.IsAddedToAkka)
        {
            throw new InvalidOperationException(
                "Lifespan.Actors' services are registered (builder.Services.AddLifespanActors(...)) but its actors are not: call " +
                "AddLifespanActors(services) on the AkkaConfigurationBuilder too, as in " +
                "builder.Services.AddAkka(\"name\", (akka, services) => akka.AddLifespanActors(services)).");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        controller.MarkStopping();
        if (!sessions.IsStarted)
        {
            return;
        }

        // As long as the phase that cancels them again later may take: service-requests-done's timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(controller.PhaseTimeout(CoordinatedShutdown.PhaseServiceRequestsDone));
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
