using Lifespan.Actors.Shutdown;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lifespan.Actors.State;

/// <summary>
/// The entry point to client sessions: sends events, subscribes clients to deltas, changes a session's state out of
/// band and lists the running background tasks. It owns <c>/user/sessions</c>; at shutdown (phase
/// <c>service-requests-done</c>) it cancels every background task and awaits them.
/// </summary>
public sealed partial class SessionHub
{
    private readonly SessionRuntime _runtime;
    private readonly Mailbox _registryMailbox;

    private SessionHub(ActorSystem system, SessionRuntime runtime)
    {
        _runtime = runtime;
        Registry = system.ActorOf(Props.Create(() => new SessionRegistry(runtime)), "sessions");
        _registryMailbox = ((LocalActorRef)Registry).Cell.Mailbox;
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceRequestsDone, "sessions: cancel background tasks", CloseAsync);
    }

    /// <summary>The session registry, <c>/user/sessions</c>: <see cref="ISessionMessage"/>s sent to it reach their session.</summary>
    public IActorRef Registry { get; }

    /// <summary>The options the sessions run with.</summary>
    public SessionOptions Options => _runtime.Options;

    /// <summary>A live view of the running background tasks of every session.</summary>
    public BackgroundTaskCollection BackgroundTasks => _runtime.BackgroundTasks;

    /// <summary>Starts the sessions of <paramref name="system"/>: spawns <c>/user/sessions</c> and joins its coordinated shutdown.</summary>
    /// <exception cref="InvalidOperationException">An option is out of range (the message names it).</exception>
    public static SessionHub Start(ActorSystem system, SessionOptions options, IStateStore? store = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = (loggerFactory ?? system.Options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Lifespan.Actors.State");
        return new SessionHub(system, new SessionRuntime(options, store ?? new InMemoryStateStore(), logger, system.Options.TimeProvider, system.Services));
    }

    /// <summary>
    /// Sends <paramref name="event"/> to session <paramref name="token"/> (created if needed) without waiting for it to
    /// be applied. When the session is idle and <see cref="SessionOptions.AllowInlineEvents"/> is on, the event is applied
    /// on the calling thread before this returns, as under an uncontended lock; otherwise it is queued behind the
    /// session's earlier work. Events sent from one thread are applied in the order sent, either way.
    /// </summary>
    /// <param name="token">The session.</param>
    /// <param name="event">The event.</param>
    /// <param name="replyTo">Gets an <see cref="EventCompleted"/> when the event has been applied or refused; without it, errors go to the session's subscribers.</param>
    /// <param name="correlationId">Echoed in the <see cref="EventCompleted"/>, to match it to the event.</param>
    /// <param name="repliesOnFailureOnly">Whether <paramref name="replyTo"/> hears only of a refused or failed event (its errors still go to it, not to every subscriber).</param>
    public void Send(string token, StateEvent @event, IActorRef? replyTo = null, long correlationId = 0, bool repliesOnFailureOnly = false)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var entry = token is null ? null : _runtime.Sessions.GetValueOrDefault(token);
        Route(token!, entry, @event, replyTo, correlationId, repliesOnFailureOnly);
    }

    /// <summary>
    /// A handle on session <paramref name="token"/> that sends its events without a look-up by token: keep it for as
    /// long as a client connection is open. The session is not started until its first event.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is not a valid session token (the message says why).</exception>
    public SessionHandle GetSession(string token)
    {
        if (SessionToken.Problem(token) is { } problem)
        {
            throw new ArgumentException($"'{SessionToken.Redact(token)}' cannot be a session token: {problem}.", nameof(token));
        }

        return new SessionHandle(this, token);
    }

    internal void SendVia(SessionHandle session, StateEvent @event, IActorRef? replyTo, long correlationId, bool repliesOnFailureOnly)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Route(session.Token, session.Entry(_runtime), @event, replyTo, correlationId, repliesOnFailureOnly);
    }

    private void Route(string token, SessionEntry? entry, StateEvent @event, IActorRef? replyTo, long correlationId, bool repliesOnFailureOnly)
    {
        var sender = replyTo ?? ActorRefs.NoSender;
        var wrapped = replyTo is null ? null : Wrap();

        // With no one to answer, a running session is told the event itself: there is nothing to wrap it with.
        if (entry is null || !TrySendDirect(entry, (object?)wrapped ?? @event, sender, token, @event, correlationId))
        {
            RouteThroughRegistry(wrapped ?? Wrap(), entry, sender);
        }

        SessionEvent Wrap() => new(token, @event, correlationId, repliesOnFailureOnly);
    }

    /// <summary>
    /// Hands an event to <c>/user/sessions</c>, counted while it waits there: against its session's queue limit, or, for
    /// a session not running yet, against <see cref="SessionRuntime.MaxRoutingNew"/> such events in all. Over either
    /// limit it is refused here, so that senders faster than the registry cannot grow its mailbox without bound.
    /// </summary>
    private void RouteThroughRegistry(SessionEvent e, SessionEntry? entry, IActorRef sender)
    {
        if (entry is not null)
        {
            if (!_runtime.Admit(entry, e.Token, e.Event, sender, e.CorrelationId))
            {
                return;
            }

            entry.BeginRouting();
        }
        else if (!_runtime.TryBeginRoutingNew())
        {
            var error = $"Event {e.Event.Handler} was refused: {_runtime.MaxRoutingNew} events for sessions that are starting are already " +
                        "waiting (lifespan.sessions.max-sessions). Send it again shortly.";
            if (SessionRuntime.IsReplyable(sender))
            {
                sender.Tell(new EventCompleted(e.Token, e.Event.Handler, error, e.CorrelationId));
            }
            else if (_runtime.ShouldWarnUnrouted())
            {
                LogUnroutedRefused(_runtime.Logger, error);
            }

            return;
        }

        Registry.Tell(new RoutedEvent(e, entry), sender);
    }

    [LoggerMessage(EventId = 409, Level = LogLevel.Warning, Message = "Events sent with no one to answer are being refused (at most one warning a second): {Reason}")]
    private static partial void LogUnroutedRefused(ILogger logger, string reason);

    /// <summary>Sends <paramref name="event"/> to session <paramref name="token"/> and waits until it has been applied.</summary>
    /// <exception cref="StateEventException">The event was refused or its handler failed; the message says why.</exception>
    /// <exception cref="AskTimeoutException">No answer within <see cref="SessionOptions.RequestTimeout"/>.</exception>
    public async Task DispatchAsync(string token, StateEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var done = await Registry.Ask<EventCompleted>(new SessionEvent(token, @event), Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (done.Error is { } error)
        {
            throw new StateEventException(@event.Handler, error);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to session <paramref name="token"/>'s <see cref="SessionDelta"/>s and
    /// <see cref="SessionError"/>s, and returns its full public state, as <c>{ "StateName": { ... } }</c>, as of that moment.
    /// </summary>
    public async Task<string> SubscribeAsync(string token, IActorRef subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var subscribed = await Registry.Ask<Subscribed>(new Subscribe(token, subscriber), Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        return subscribed.State;
    }

    /// <summary>
    /// Whether session <paramref name="token"/> exists: running, or saved in the <see cref="IStateStore"/> (passivated).
    /// Only such a session may be resumed by a client; any other token it names gets a new one.
    /// </summary>
    /// <exception cref="TimeoutException">The store did not answer within <see cref="SessionOptions.RequestTimeout"/>.</exception>
    /// <exception cref="EventRefusedException">The store failed (the message says why).</exception>
    internal async ValueTask<bool> IsKnownAsync(string token, CancellationToken cancellationToken)
    {
        if (_runtime.Sessions.ContainsKey(token))
        {
            return true;
        }

        try
        {
            var saved = await _runtime.Store.LoadAsync(token, cancellationToken).AsTask()
                .WaitAsync(Options.RequestTimeout, _runtime.Time, cancellationToken).ConfigureAwait(false);
            return saved is not null || _runtime.Sessions.ContainsKey(token);   // or restored meanwhile
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TimeoutException))
        {
            throw new EventRefusedException($"The session could not be looked up in the store ({ex.Message}); try again.", ex);
        }
    }

    /// <summary>Ends <paramref name="subscriber"/>'s subscription to session <paramref name="token"/>.</summary>
    public void Unsubscribe(string token, IActorRef subscriber) => Registry.Tell(new Unsubscribe(token, subscriber));

    /// <inheritdoc cref="ModifyStateAsync{TState}(string, Func{TState, ValueTask}, CancellationToken)"/>
    public Task ModifyStateAsync<TState>(string token, Action<TState> change, CancellationToken cancellationToken = default) where TState : State
    {
        ArgumentNullException.ThrowIfNull(change);
        return ModifyStateAsync<TState>(token, s => { change(s); return ValueTask.CompletedTask; }, cancellationToken);
    }

    /// <summary>
    /// Changes session <paramref name="token"/>'s <typeparamref name="TState"/> from outside an event (a lifespan task,
    /// an HTTP endpoint): <paramref name="change"/> runs exclusively, between the session's events, and what it changes
    /// is sent to the subscribers as one delta. The session is created (or restored) if needed.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TState"/> is not registered, or the session was refused.</exception>
    /// <exception cref="TimeoutException">The change did not finish within <see cref="SessionOptions.RequestTimeout"/>; if it had not started yet, it never will.</exception>
    public async Task ModifyStateAsync<TState>(string token, Func<TState, ValueTask> change, CancellationToken cancellationToken = default) where TState : State
    {
        ArgumentNullException.ThrowIfNull(change);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Registry.Tell(new ModifyState(token, typeof(TState), s => change((TState)s), done));
        try
        {
            await done.Task.WaitAsync(Options.RequestTimeout, _runtime.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Not started yet? Then it never will be; if it is running already, it finishes.
            done.TrySetCanceled(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Cancels the background task <paramref name="id"/>'s token. Returns whether it was running.</summary>
    public bool CancelBackgroundTask(long id)
    {
        if (BackgroundTasks.Find(id) is not { } info)
        {
            return false;
        }

        Registry.Tell(new CancelBackgroundTasks(info.SessionToken, id));
        return true;
    }

    /// <summary>
    /// Tells <paramref name="message"/> (a <see cref="SessionEvent"/>, or a bare <see cref="StateEvent"/> when no one
    /// is to be answered) straight to the session of <paramref name="entry"/> if its route is open and the registry has
    /// no message in hand or waiting (so nothing sent earlier through the registry, for this session or any other, is
    /// still on its way to be overtaken); an idle session may apply it on this thread. Otherwise the registry routes it.
    /// </summary>
    /// <remarks>
    /// An event the session cannot take at once joins its mailbox only while fewer than
    /// <see cref="SessionOptions.MaxQueuedEvents"/> messages wait there and in its queue; beyond that it is refused here,
    /// so that a handler that holds its thread cannot let the mailbox grow without bound.
    /// </remarks>
    private bool TrySendDirect(SessionEntry entry, object message, IActorRef sender, string token, StateEvent @event, long correlationId)
    {
        if (!entry.TryEnter())
        {
            return false;
        }

        try
        {
            if (!_registryMailbox.IsQuiescent)
            {
                return false;
            }

            entry.LastUsed = Environment.TickCount64;
            var from = InternalActorRef.ImplicitSender(sender);
            if ((!_runtime.Options.AllowInlineEvents || !entry.Mailbox.TryRunInline(message, from))
                && _runtime.Admit(entry, token, @event, sender, correlationId))
            {
                entry.Mailbox.PostUser(message, from);   // what entry.Actor.Tell does
            }

            return true;
        }
        finally
        {
            entry.Exit();
        }
    }

    /// <summary>Refuses new background tasks, cancels the running ones and waits until they have ended.</summary>
    /// <remarks>A task that ignores its token past the phase's timeout is named in a warning and left behind.</remarks>
    internal async Task CloseAsync(CancellationToken cancellationToken)
    {
        _runtime.Close();
        try
        {
            while (BackgroundTasks.Count > 0)
            {
                Registry.Tell(new CloseSessions());
                await BackgroundTasks.WhenAllEndedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var left = BackgroundTasks.Select(t => $"{t.Handler} #{t.Id} (session {SessionToken.Redact(t.SessionToken)})").ToArray();
            LogBackgroundTasksLeft(_runtime.Logger, left.Length, string.Join(", ", left));
            throw;
        }
    }

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Shutdown stopped waiting for {Count} background tasks that did not end when cancelled: {Tasks}. Pass the CancellationToken on to what the task awaits")]
    private static partial void LogBackgroundTasksLeft(ILogger logger, int count, string tasks);
}
