using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// When the session endpoints stop taking connections: when the app is stopping, or when Akka's coordinated shutdown
/// reaches <c>service-unbind</c> without the host having asked for it (a shutdown run directly, or an actor system
/// ending on its own). Open connections are then closed with 1001 and new upgrades get 503.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A DI singleton for the app's whole life; its token source has no timer to release.")]
internal sealed class SessionEndpointLifetime(IHostApplicationLifetime lifetime)
{
    private readonly CancellationTokenSource _unbound = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);

    /// <summary>Cancelled once the endpoints stop taking connections.</summary>
    public CancellationToken Unbound => _unbound.Token;

    /// <summary>Stops the endpoints taking connections (phase <c>service-unbind</c>).</summary>
    public void Unbind() => _unbound.Cancel();
}
