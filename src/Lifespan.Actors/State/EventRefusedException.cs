
namespace Lifespan.Actors.State;

/// <summary>
/// Work the session could not take, through no fault of its handler (its saved state could not be loaded, say): the
/// client is told why as it is for a bad payload, and the log records a refusal, not a failed handler.
/// </summary>
internal sealed class EventRefusedException(string message, Exception? inner = null) : Exception(message, inner);
