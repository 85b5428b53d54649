using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

public sealed partial class SessionHub
{
    /// <summary>
    /// The sessions running now, as <c>/user/sessions</c> knows them: each named by the hash of its token, with its
    /// waiting events, its subscribers and its background tasks.
    /// </summary>
    /// <param name="limit">The most sessions listed; the others are only counted.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="AskTimeoutException">No answer within <see cref="SessionOptions.RequestTimeout"/>.</exception>
    public Task<RunningSessions> GetRunningSessionsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Registry.Ask<RunningSessions>(new GetRunningSessions(limit), Options.RequestTimeout, cancellationToken);
    }
}
