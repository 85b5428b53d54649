using Lifespan.Actors.State;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Sessions;

/// <summary>How events reach a session: through <c>/user/sessions</c>, or from a handle straight to the running session.</summary>
public sealed partial class SessionHub
{
    internal void SendVia(SessionHandle handle, StateEvent @event, IActorRef? replyTo, long correlationId, bool repliesOnFailureOnly)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var runtime = Runtime;
        var entry = handle.Entry(runtime);
        var sender = replyTo ?? ActorRefs.Nobody;
        if (entry is null || !TrySendDirect(runtime, entry, @event, sender, correlationId, repliesOnFailureOnly))
        {
            RouteThroughRegistry(new SessionEvent(handle.Token, @event, correlationId, repliesOnFailureOnly), entry, sender);
        }
    }

    /// <summary>
    /// Tells an event straight to the running session of <paramref name="entry"/> when nothing sent before it can be
    /// overtaken: the direct route is open (the session is not being saved) and nothing the hub sent for this session,
    /// or for a session not running yet, waits in <c>/user/sessions</c>. <see langword="false"/>: send it through there.
    /// </summary>
    private static bool TrySendDirect(SessionRuntime runtime, SessionEntry entry, StateEvent @event, IActorRef sender, long correlationId, bool repliesOnFailureOnly)
    {
        if (!entry.TryEnter())
        {
            return false;
        }

        try
        {
            if (!entry.IsCurrent || entry.HasMessagesInRegistry || runtime.IsRoutingNew)
            {
                return false;
            }

            if (runtime.Admit(entry, entry.Token, @event, sender, correlationId))
            {
                entry.Counted();   // the session counts it off when it receives it
                entry.LastUsed = Environment.TickCount64;
                entry.Actor.Tell(new SessionEvent(entry.Token, @event, correlationId, repliesOnFailureOnly), sender);
            }

            return true;
        }
        finally
        {
            entry.Exit();
        }
    }

    /// <summary>
    /// Hands an event to <c>/user/sessions</c>, counted while it waits there: against its session's queue limit, or, for
    /// a session not running yet, against <see cref="SessionRuntime.MaxRoutingNew"/> such events in all. Over either
    /// limit it is refused here, so that senders faster than the registry cannot grow its mailbox without bound.
    /// </summary>
    private void RouteThroughRegistry(SessionEvent e, SessionEntry? entry, IActorRef sender)
    {
        var runtime = Runtime;
        if (entry is not null)
        {
            if (!runtime.Admit(entry, e.Token, e.Event, sender, e.CorrelationId))
            {
                return;
            }

            entry.Counted();   // the session counts it off when it receives it
            entry.EnterRegistry();   // a handle's next event waits behind it
        }
        else if (!runtime.TryBeginRoutingNew())
        {
            var error = $"Event {e.Event.Handler} was refused: {runtime.MaxRoutingNew} events for sessions that are starting are already " +
                        "waiting (lifespan.sessions.max-sessions). Send it again shortly.";
            if (SessionRuntime.IsReplyable(sender))
            {
                sender.Tell(new EventCompleted(e.Token, e.Event.Handler, error, e.CorrelationId));
            }
            else if (runtime.ShouldWarnUnrouted())
            {
                LogUnroutedRefused(runtime.Logger, error);
            }

            return;
        }

        Registry.Tell(new RoutedEvent(e, entry), sender);
    }

    [LoggerMessage(EventId = 409, Level = LogLevel.Warning, Message = "Events sent with no one to answer are being refused (at most one warning a second): {Reason}")]
    private static partial void LogUnroutedRefused(ILogger logger, string reason);
}
