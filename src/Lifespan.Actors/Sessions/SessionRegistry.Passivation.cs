using Lifespan.Actors.State;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// Passivation: idle sessions are asked to save themselves and stop; what arrives for them meanwhile waits here and
/// goes to the same incarnation (when it declines) or to the next one.
/// </summary>
internal sealed partial class SessionRegistry
{
    private void Buffer(SessionEntry entry, ISessionMessage message, IActorRef sender, bool counted)
    {
        var buffer = entry.Buffer ??= [];
        if (buffer.Count >= _runtime.Options.MaxQueuedEvents)
        {
            if (counted && message is SessionEvent)
            {
                entry.Received();   // it will never reach the session: not waiting any more
            }

            Refuse(message, sender, $"Session {Shorten(message.Token)} is being saved and {buffer.Count} messages are already waiting for it (lifespan.sessions.max-queued-events). Try again shortly.");
            return;
        }

        buffer.Add((message, sender, counted));
    }

    /// <summary>Delivers what waited while the session saved itself, to the same incarnation or (<paramref name="sameEntry"/> false) its next one.</summary>
    private static void Flush(SessionEntry entry, bool sameEntry)
    {
        if (entry.Buffer is { } buffer)
        {
            entry.Buffer = null;
            foreach (var (message, sender, counted) in buffer)
            {
                Tell(entry, message, sender, counted && sameEntry);
            }
        }
    }

    private void OnSessionStopped(IActorRef stopped)
    {
        if (!_byActor.Remove(stopped, out var old) || !_sessions.TryRemove(new KeyValuePair<string, SessionEntry>(old.Token, old)))
        {
            return;   // not running, or a newer incarnation already took its place
        }

        old.IsCurrent = false;
        _count--;
        if (old.Buffer is not { Count: > 0 } waiting)
        {
            return;
        }

        var entry = Start(waiting[0].Message);   // messages arrived while it saved itself: bring it back, restored from the store
        entry.Buffer = waiting;
        Flush(entry, sameEntry: false);
        entry.Open();
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        var idleMs = (long)_runtime.Options.PassivateAfter.TotalMilliseconds;
        foreach (var (_, entry) in _sessions)
        {
            // The direct route closes first: a handle's event told meanwhile reaches the session before the request to stop.
            if (!entry.Passivating && now - entry.LastUsed >= idleMs && entry.Waiting == 0 && entry.TryClose())
            {
                entry.Passivating = true;
                entry.Actor.Tell(new Passivate());
            }
        }
    }
}
