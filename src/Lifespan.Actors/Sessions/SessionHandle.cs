using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// A hold on one session: what a client connection keeps for as long as it is open. Get one with
/// <see cref="SessionHub.GetSession"/>; it does not start the session (the first event does) and stays valid while
/// the session is passivated and restored.
/// </summary>
/// <remarks>
/// Safe to use from several threads; events sent through the handle from one thread reach the session in the order
/// sent. Once the session runs, the handle tells its events straight to the session's actor (one hop instead of two
/// through <c>/user/sessions</c>), except while the session is being saved or something the hub sent for it still
/// waits in <c>/user/sessions</c>, so that a handle's event never overtakes one sent before it through the handle or
/// <see cref="SessionHub"/>. Messages told to <c>/user/sessions</c> directly, not through the hub, are ordered among
/// themselves only.
/// </remarks>
public sealed class SessionHandle
{
    private readonly SessionHub _hub;
    private SessionEntry? _entry;   // the running session last seen, until it stops

    internal SessionHandle(SessionHub hub, string token, IActorRef sessions)
    {
        _hub = hub;
        Token = token;
        Sessions = sessions;
    }

    /// <summary>The session's token.</summary>
    public string Token { get; }

    /// <summary>Where the session's messages go: <c>/user/sessions</c>, which routes them by token.</summary>
    public IActorRef Sessions { get; }

    /// <summary>Sends <paramref name="event"/> to the session (started or restored if needed) without waiting for it to be applied.</summary>
    /// <param name="event">The event.</param>
    /// <param name="replyTo">Gets an <see cref="EventCompleted"/> when the event has been applied or refused; without it, errors go to the session's subscribers.</param>
    /// <param name="correlationId">Echoed in the <see cref="EventCompleted"/>, to match it to the event.</param>
    /// <param name="repliesOnFailureOnly">Whether <paramref name="replyTo"/> hears only of a refused or failed event.</param>
    public void Send(StateEvent @event, IActorRef? replyTo = null, long correlationId = 0, bool repliesOnFailureOnly = false) =>
        _hub.SendVia(this, @event, replyTo, correlationId, repliesOnFailureOnly);

    /// <summary>The session's current entry, if it runs: the one seen last, or a fresh look-up once that one has stopped.</summary>
    internal SessionEntry? Entry(SessionRuntime runtime)
    {
        var entry = _entry;
        if (entry is null || !entry.IsCurrent)
        {
            _entry = entry = runtime.Sessions.GetValueOrDefault(Token);
        }

        return entry;
    }
}
