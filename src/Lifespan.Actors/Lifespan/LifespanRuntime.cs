using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// What a task body needs at run time: the app's services, the app, the lifespan state, a logger, and the app's
/// stopping token (given to setups and one-shot tasks; a long-running task gets a token of its own), and the clock
/// that restart windows are measured with.
/// </summary>
internal sealed record LifespanRuntime(IServiceProvider Services, LifespanApp App, LifespanStateStore State, ILogger Logger, TimeProvider Time, CancellationToken Stopping);
