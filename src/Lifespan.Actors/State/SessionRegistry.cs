using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.State;

/// <summary>
/// <c>/user/sessions</c>: routes every <see cref="ISessionMessage"/> to the session's <see cref="StateActor"/>, creating
/// it (restored from the store) on first use, and passivates sessions that have been idle for
/// <see cref="SessionOptions.PassivateAfter"/>. While a session saves itself, its messages wait here and are delivered
/// to its next incarnation, so none is lost. Its table of running sessions is shared with <see cref="SessionHub"/>,
/// which tells events straight to a session whose route is open (<see cref="SessionEntry"/>) when this actor has no
/// message in hand or waiting, so that a direct event can never overtake one sent earlier through the registry.
/// </summary>
internal sealed partial class SessionRegistry : ReceiveActor
{
    private const string SweepTimer = "sweep";
    private readonly SessionRuntime _runtime;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SessionEntry> _sessions;
    private int _count;   // _sessions.Count, which would take every lock of the table

    public SessionRegistry(SessionRuntime runtime)
    {
        _runtime = runtime;
        _sessions = runtime.Sessions;
        _count = _sessions.Count;   // after a restart, the sessions kept running (see PreRestart)
        ReceiveAny(OnMessage);
    }

    /// <summary>How often idle sessions are looked for: a quarter of the idle time, between 50 ms and 30 s.</summary>
    internal static TimeSpan SweepInterval(TimeSpan passivateAfter) =>
        TimeSpan.FromTicks(Math.Clamp(passivateAfter.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));

    protected override void PreStart() =>
        Context.Timers.StartPeriodicTimer(SweepTimer, new SweepIdleSessions(), SweepInterval(_runtime.Options.PassivateAfter));

    /// <summary>
    /// A restart of the registry keeps the sessions running, with their state and open routes, instead of stopping
    /// them unsaved: the new instance takes over the shared table, and the death watch of each session with it.
    /// </summary>
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    /// <summary>A session that misbehaves keeps its state: it is resumed, never restarted with a fresh one.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

    private void OnMessage(object message)
    {
        switch (message)
        {
            case RoutedEvent r:
                if (r.Entry is { } counted)
                {
                    counted.EndRouting();
                }
                else
                {
                    _runtime.EndRoutingNew();
                }

                Route(r.Event, Sender);
                break;
            case ISessionMessage m:
                Route(m, Sender);
                break;
            case Terminated t:
                OnSessionStopped(t.ActorRef);
                break;
            case PassivateDeclined d when _sessions.TryGetValue(d.Token, out var entry):
                entry.Passivating = false;
                entry.LastUsed = Environment.TickCount64;
                Flush(entry);
                entry.Reopen();
                break;
            case SweepIdleSessions:
                Sweep();
                break;
            case CloseSessions close:
                foreach (var (_, entry) in _sessions)
                {
                    entry.Actor.Tell(close);
                }

                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Route(ISessionMessage message, IActorRef sender)
    {
        if (message is SessionEvent { Event: null })
        {
            Refuse(message, sender, "A SessionEvent needs an Event: create one with StateEvent.Create(\"State.Handler\", payload) or a state's Events class.");
            return;
        }

        if (SessionToken.Problem(message.Token) is { } problem)
        {
            Refuse(message, sender, $"Session '{Shorten(message.Token)}' refused: {problem}.");
            return;
        }

        if (_sessions.TryGetValue(message.Token, out var entry))
        {
            if (entry.Passivating)
            {
                Buffer(entry, message, sender);
                return;
            }

            entry.LastUsed = Environment.TickCount64;
            if (message is not SessionEvent e || _runtime.Admit(entry, e.Token, e.Event, sender, e.CorrelationId))
            {
                entry.Actor.Tell(message, sender);
            }

            return;
        }

        if (message is Unsubscribe or CancelBackgroundTasks)
        {
            return;   // nothing to unsubscribe from or cancel in a session that is not running
        }

        if (_count >= _runtime.Options.MaxSessions)
        {
            Refuse(message, sender, $"A new session was refused: {_count} sessions are open (lifespan.sessions.max-sessions = {_runtime.Options.MaxSessions}). Try again later.");
            return;
        }

        entry = Start(message.Token);
        entry.Actor.Tell(message, sender);
    }

    private SessionEntry Start(string token)
    {
        var actor = Context.ActorOf(Props.Create(() => new StateActor(token, _runtime)), token);
        Context.Watch(actor);
        var entry = new SessionEntry(actor);
        _sessions[token] = entry;
        _count++;
        return entry;
    }

    private void Buffer(SessionEntry entry, ISessionMessage message, IActorRef sender)
    {
        var buffer = entry.Buffer ??= [];
        if (buffer.Count >= _runtime.Options.MaxQueuedEvents)
        {
            Refuse(message, sender, $"Session {Shorten(message.Token)} is being saved and {buffer.Count} messages are already waiting for it (lifespan.sessions.max-queued-events). Try again shortly.");
            return;
        }

        buffer.Add((message, sender));
    }

    private static void Flush(SessionEntry entry)
    {
        if (entry.Buffer is { } buffer)
        {
            entry.Buffer = null;
            foreach (var (message, sender) in buffer)
            {
                entry.Actor.Tell(message, sender);
            }
        }
    }

    private void OnSessionStopped(IActorRef stopped)
    {
        var token = stopped.Path.Name;
        if (!_sessions.TryGetValue(token, out var old) || !old.Actor.Equals(stopped) || !_sessions.TryRemove(new KeyValuePair<string, SessionEntry>(token, old)))
        {
            return;   // not running, or a newer incarnation already took its place
        }

        _count--;
        old.Close();
        if (old.Buffer is not { Count: > 0 } waiting)
        {
            return;
        }

        var entry = Start(token);   // messages arrived while it saved itself: bring it back, restored from the store
        entry.Buffer = waiting;
        Flush(entry);
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        var idleMs = (long)_runtime.Options.PassivateAfter.TotalMilliseconds;
        foreach (var (_, entry) in _sessions)
        {
            // A session whose route a sender is inside right now is in use: it is looked at again next sweep.
            if (!entry.Passivating && now - entry.LastUsed >= idleMs && entry.TryClose())
            {
                entry.Passivating = true;
                entry.Actor.Tell(new Passivate());
            }
        }
    }

    /// <summary>Answers a refused message; one that no one would hear of (an event sent without a reply-to) is logged instead.</summary>
    private void Refuse(ISessionMessage message, IActorRef sender, string error)
    {
        switch (message)
        {
            case SessionEvent e when !ReferenceEquals(sender, ActorRefs.NoSender):
                sender.Tell(new EventCompleted(e.Token, e.Event?.Handler ?? "(none)", error, e.CorrelationId));
                break;
            case ModifyState m:
                m.Done.TrySetException(new InvalidOperationException(error));
                break;
            case Subscribe when !ReferenceEquals(sender, ActorRefs.NoSender):
                sender.Tell(new Status.Failure(new InvalidOperationException(error)));
                break;
            default:
                LogRefusedUnanswered(_runtime.Logger, message.GetType().Name, error);
                break;
        }
    }

    [LoggerMessage(EventId = 407, Level = LogLevel.Warning, Message = "A {Message} sent with no one to answer was refused: {Reason}")]
    private static partial void LogRefusedUnanswered(ILogger logger, string message, string reason);

    private static string Shorten(string? token) => token is null ? "(null)" : SessionToken.Redact(token);
}
