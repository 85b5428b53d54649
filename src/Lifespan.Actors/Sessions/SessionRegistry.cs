using Microsoft.Extensions.Logging;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// <c>/user/sessions</c>: routes every <see cref="ISessionMessage"/> to the session's <see cref="StateActor"/>, named by
/// <see cref="SessionMessageExtractor"/> (a hash of the token), creating it (restored from the store) on first use, and
/// passivates sessions that have been idle for <see cref="SessionOptions.PassivateAfter"/>. While a session saves
/// itself, its messages wait here and are delivered to its next incarnation, so none is lost. Its table of running
/// sessions is shared with <see cref="SessionHub"/>, which reads their queue counts to refuse events early.
/// </summary>
internal sealed partial class SessionRegistry : UntypedActor, IWithTimers
{
    private const string SweepTimer = "sweep";
    private readonly SessionRuntime _runtime;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SessionEntry> _sessions;
    private readonly Dictionary<IActorRef, SessionEntry> _byActor = [];
    private int _count;   // _sessions.Count, which would take every lock of the table

    public SessionRegistry(SessionRuntime runtime)
    {
        _runtime = runtime;
        _sessions = runtime.Sessions;
        foreach (var (_, entry) in _sessions)
        {
            _byActor[entry.Actor] = entry;   // after a restart, the sessions kept running (see PreRestart)
        }

        _count = _sessions.Count;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>How often idle sessions are looked for: a quarter of the idle time, between 50 ms and 30 s.</summary>
    internal static TimeSpan SweepInterval(TimeSpan passivateAfter) =>
        TimeSpan.FromTicks(Math.Clamp(passivateAfter.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(SweepTimer, new SweepIdleSessions(), SweepInterval(_runtime.Options.PassivateAfter));

    /// <summary>
    /// A message the registry fails on is logged and dropped, and the registry goes on: a restart would restart every
    /// session (Akka restarts a restarted parent's children) with fresh state.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception ex)
        {
            LogMessageFailed(_runtime.Logger, ex, message.GetType().Name);
            return true;
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Error, Message = "/user/sessions failed on a {Message}; the message is dropped and the sessions go on")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string message);

    /// <summary>
    /// Should the registry restart all the same (a failure outside a message), its sessions are not stopped unsaved:
    /// Akka restarts them (they reload their saved state) and the new instance takes over the shared table.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
    }

    /// <summary>The restarted instance keeps the sweep going (<see cref="PreStart"/> is not run again).</summary>
    protected override void PostRestart(Exception reason) => PreStart();

    /// <summary>A session that misbehaves keeps its state: it is resumed, never restarted with a fresh one.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case RoutedEvent r:
                Route(r.Event, Sender, r.Entry);
                if (r.Entry is null)   // routed: a handle's next event may go straight to its session
                {
                    _runtime.EndRoutingNew();
                }
                else
                {
                    r.Entry.LeaveRegistry();
                }

                break;
            case ISessionMessage m:
                Route(m, Sender, countedOn: null);
                break;
            case Terminated t:
                OnSessionStopped(t.ActorRef);
                break;
            case PassivateDeclined d when _sessions.TryGetValue(d.Token, out var entry):
                entry.Passivating = false;
                entry.LastUsed = Environment.TickCount64;
                Flush(entry, sameEntry: true);
                entry.Open();
                break;
            case SweepIdleSessions:
                Sweep();
                break;
            case GetRunningSessions query:
                Sender.Tell(Describe(query.Limit));
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

    /// <summary>
    /// Routes <paramref name="message"/> to its session. An event <see cref="SessionHub"/> admitted and counted for the
    /// running session <paramref name="countedOn"/> goes on as it is; any other event is admitted and counted here,
    /// against the session it goes to.
    /// </summary>
    private void Route(ISessionMessage message, IActorRef sender, SessionEntry? countedOn)
    {
        if (countedOn is { IsCurrent: true, Passivating: false })
        {
            // Admitted and counted by SessionHub for the running session: no look-up and no check again.
            countedOn.LastUsed = Environment.TickCount64;
            countedOn.Actor.Tell(message, sender);
            return;
        }

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
            var counted = ReferenceEquals(countedOn, entry);
            if (entry.Passivating)
            {
                Buffer(entry, message, sender, counted);
                return;
            }

            entry.LastUsed = Environment.TickCount64;
            if (message is not SessionEvent e || counted || _runtime.Admit(entry, e.Token, e.Event, sender, e.CorrelationId))
            {
                Tell(entry, message, sender, counted);
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

        entry = Start(message);
        Tell(entry, message, sender, counted: false);
        entry.Open();   // its first message is in its mailbox: handles may tell it directly from now on
    }

    private static void Tell(SessionEntry entry, ISessionMessage message, IActorRef sender, bool counted)
    {
        if (message is SessionEvent && !counted)
        {
            entry.Counted();   // the session counts it off when it receives it
        }

        entry.Actor.Tell(message, sender);
    }

    /// <summary>Starts the session <paramref name="first"/> is for, named as the extractor names it.</summary>
    private SessionEntry Start(ISessionMessage first)
    {
        var token = first.Token;
        var entry = new SessionEntry(token, _runtime.Extractor.EntityId(first)!);
        var runtime = _runtime;
        entry.Actor = Context.ActorOf(Props.Create(() => new StateActor(entry, runtime)), entry.Id);
        Context.Watch(entry.Actor);
        _byActor[entry.Actor] = entry;
        _sessions[token] = entry;
        _count++;
        return entry;
    }

    /// <summary>What <see cref="GetRunningSessions"/> asks: at most <paramref name="limit"/> running sessions, named by their hash, never their token.</summary>
    private RunningSessions Describe(int limit)
    {
        var tasks = _runtime.BackgroundTasks.ToLookup(t => t.SessionToken, StringComparer.Ordinal);
        var sessions = _sessions.Values.Take(limit).Select(e => new RunningSession(
            e.Id,
            e.Actor.Path.ToStringWithoutAddress(),
            e.Waiting,
            e.Passivating,
            [.. e.Subscribers.Select(s => s.Path.ToStringWithoutAddress())],
            [.. tasks[e.Token].OrderBy(t => t.Id).Select(t => new RunningBackgroundTask(t.Id, "bg-" + t.Id, t.Handler, t.StartedAt))]));
        return new RunningSessions(_count, [.. sessions]);
    }

    /// <summary>Answers a refused message; one that no one would hear of (an event sent without a reply-to) is logged instead.</summary>
    private void Refuse(ISessionMessage message, IActorRef sender, string error)
    {
        switch (message)
        {
            case SessionEvent e when SessionRuntime.IsReplyable(sender):
                sender.Tell(new EventCompleted(e.Token, e.Event?.Handler ?? "(none)", error, e.CorrelationId));
                break;
            case ModifyState m:
                m.Done.TrySetException(new InvalidOperationException(error));
                break;
            case Subscribe when SessionRuntime.IsReplyable(sender):
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
