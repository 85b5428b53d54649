using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>
/// Where passivated sessions are kept until their next event: one JSON document per session, holding every var of
/// every state class (backend vars too). A session is keyed by its id, <see cref="SessionToken.Hash"/> of its token,
/// never by the token itself, so that reading the store does not hand out sessions. Implementations must be safe to
/// call from several threads.
/// </summary>
public interface IStateStore
{
    /// <summary>The saved state of session <paramref name="sessionId"/>, or <see langword="null"/> when none is saved.</summary>
    ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Saves the state of session <paramref name="sessionId"/>, replacing what was saved before.</summary>
    ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken);
}
