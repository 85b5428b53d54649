namespace Lifespan.Actors.State;

/// <summary>
/// Where passivated sessions are kept until their next event: one JSON document per session token, holding every var
/// of every state class (backend vars too). Implementations must be safe to call from several threads.
/// </summary>
public interface IStateStore
{
    /// <summary>The saved state of <paramref name="token"/>, or <see langword="null"/> when none is saved.</summary>
    ValueTask<string?> LoadAsync(string token, CancellationToken cancellationToken);

    /// <summary>Saves the state of <paramref name="token"/>, replacing what was saved before.</summary>
    ValueTask SaveAsync(string token, string json, CancellationToken cancellationToken);
}
