
namespace Lifespan.Actors.Lifespan;

/// <summary>
/// A setup/teardown resource as a class: <see cref="StartAsync"/> runs before the app takes traffic,
/// <see cref="StopAsync"/> when it shuts down (after the long-running tasks have stopped), in reverse registration order.
/// Register it with <c>RegisterLifespanTask&lt;TResource&gt;()</c>; it is created through dependency injection.
/// </summary>
public interface ILifespanResource
{
    /// <summary>Sets the resource up; the app does not start until this completes.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Tears the resource down; the token is cancelled when the shutdown phase times out.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
