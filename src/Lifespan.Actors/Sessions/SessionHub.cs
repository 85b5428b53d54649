using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// The entry point to client sessions: sends events, subscribes clients to deltas, changes a session's state out of
/// band and lists the running background tasks. What it sends goes to one <see cref="IActorRef"/>,
/// <c>/user/sessions</c>, which routes by token; a <see cref="SessionHandle"/> tells a running session's events to
/// the session's actor itself (see <see cref="GetSession"/>). At shutdown (before the web server stops listening, and again in
/// phase <c>service-requests-done</c>) it cancels every background task and awaits them.
/// </summary>
public sealed partial class SessionHub
{
    private SessionRuntime? _runtime;
    private IActorRef? _registry;

    internal SessionHub(SessionOptions options) => PendingOptions = options;

    /// <summary>The options until the sessions start; theirs after.</summary>
    private SessionOptions PendingOptions { get; }

    private SessionRuntime Runtime => _runtime ?? throw NotStarted();

    /// <summary>The session registry, <c>/user/sessions</c>: <see cref="ISessionMessage"/>s sent to it reach their session.</summary>
    /// <exception cref="InvalidOperationException">The sessions have not started yet.</exception>
    public IActorRef Registry => _registry ?? throw NotStarted();

    /// <summary>Whether the sessions have started (<c>/user/sessions</c> runs).</summary>
    public bool IsStarted => _registry is not null;

    /// <summary>The options the sessions run with.</summary>
    public SessionOptions Options => _runtime?.Options ?? PendingOptions;

    /// <summary>A live view of the running background tasks of every session.</summary>
    public BackgroundTaskCollection BackgroundTasks => Runtime.BackgroundTasks;

    /// <summary>
    /// Starts the sessions of <paramref name="system"/>: spawns <c>/user/sessions</c> and joins its coordinated shutdown.
    /// Apps get theirs from <c>AddLifespanActors</c>; this is for tests and apps that build their own
    /// <see cref="ActorSystem"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">An option is out of range (the message names it).</exception>
    public static SessionHub Start(ActorSystem system, SessionOptions options, IStateStore? store = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        var hub = new SessionHub(options);
        hub.Attach(system, options, store ?? new InMemoryStateStore(), loggerFactory ?? NullLoggerFactory.Instance, services);
        return hub;
    }

    /// <summary>Spawns <c>/user/sessions</c> in <paramref name="system"/> for this hub.</summary>
    internal IActorRef Attach(ActorSystem system, SessionOptions options, IStateStore store, ILoggerFactory loggerFactory, IServiceProvider? services)
    {
        if (_registry is not null)
        {
            throw new InvalidOperationException("The sessions have already started.");
        }

        options.Validate();
        var runtime = new SessionRuntime(options, store, loggerFactory.CreateLogger("Lifespan.Actors.State"), TimeProvider.System, services);
        var registry = system.ActorOf(Props.Create(() => new SessionRegistry(runtime)), "sessions");
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "sessions: cancel background tasks", async () =>
        {
            using var timeout = new CancellationTokenSource(CoordinatedShutdown.Get(system).Timeout(CoordinatedShutdown.PhaseServiceRequestsDone));
            await CloseAsync(timeout.Token).ConfigureAwait(false);
            return Done.Instance;
        });
        _runtime = runtime;
        _registry = registry;
        return registry;
    }

    private static InvalidOperationException NotStarted() => new(
        "The sessions have not started: call AddLifespanActors(...) on the AkkaConfigurationBuilder inside services.AddAkka(...), " +
        "and use sessions once the host has started (or call SessionHub.Start(system, options) in a test).");

    /// <summary>
    /// Sends <paramref name="event"/> to session <paramref name="token"/> (created if needed) without waiting for it to
    /// be applied. Events sent from one thread are applied in the order sent.
    /// </summary>
    /// <param name="token">The session.</param>
    /// <param name="event">The event.</param>
    /// <param name="replyTo">Gets an <see cref="EventCompleted"/> when the event has been applied or refused; without it, errors go to the session's subscribers.</param>
    /// <param name="correlationId">Echoed in the <see cref="EventCompleted"/>, to match it to the event.</param>
    /// <param name="repliesOnFailureOnly">Whether <paramref name="replyTo"/> hears only of a refused or failed event (its errors still go to it, not to every subscriber).</param>
    public void Send(string token, StateEvent @event, IActorRef? replyTo = null, long correlationId = 0, bool repliesOnFailureOnly = false)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var runtime = Runtime;
        var entry = token is null ? null : runtime.Sessions.GetValueOrDefault(token);
        RouteThroughRegistry(new SessionEvent(token!, @event, correlationId, repliesOnFailureOnly), entry, replyTo ?? ActorRefs.Nobody);
    }

    /// <summary>
    /// A handle on session <paramref name="token"/>: keep it for as long as a client connection is open. The session
    /// is not started until its first event.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is not a valid session token (the message says why).</exception>
    public SessionHandle GetSession(string token)
    {
        if (SessionToken.Problem(token) is { } problem)
        {
            throw new ArgumentException($"'{SessionToken.Redact(token)}' cannot be a session token: {problem}.", nameof(token));
        }

        return new SessionHandle(this, token, Registry);
    }

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
        if (Runtime.Sessions.ContainsKey(token))
        {
            return true;
        }

        try
        {
            var saved = await Runtime.Store.LoadAsync(SessionToken.Hash(token), cancellationToken).AsTask()
                .WaitAsync(Options.RequestTimeout, Runtime.Time, cancellationToken).ConfigureAwait(false);
            return saved is not null || Runtime.Sessions.ContainsKey(token);   // or restored meanwhile
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TimeoutException))
        {
            throw new EventRefusedException($"The session could not be looked up in the store ({ex.Message}); try again.", ex);
        }
    }

    /// <summary>Ends <paramref name="subscriber"/>'s subscription to session <paramref name="token"/>.</summary>
    public void Unsubscribe(string token, IActorRef subscriber) => Registry.Tell(new Unsubscribe(token, subscriber));

    /// <inheritdoc cref="ModifyStateAsync{TState}(string, Func{TState, ValueTask}, CancellationToken)"/>
    public Task ModifyStateAsync<TState>(string token, Action<TState> change, CancellationToken cancellationToken = default) where TState : global::Lifespan.Actors.State.State
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
    public async Task ModifyStateAsync<TState>(string token, Func<TState, ValueTask> change, CancellationToken cancellationToken = default) where TState : global::Lifespan.Actors.State.State
    {
        ArgumentNullException.ThrowIfNull(change);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Registry.Tell(new ModifyState(token, typeof(TState), s => change((TState)s), done));
        try
        {
            await done.Task.WaitAsync(Options.RequestTimeout, Runtime.Time, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Refuses new background tasks, cancels the running ones and waits until they have ended.</summary>
    /// <remarks>A task that ignores its token past the phase's timeout is named in a warning and left behind.</remarks>
    internal async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_runtime is not { } runtime)
        {
            return;   // never started
        }

        runtime.Close();
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
            LogBackgroundTasksLeft(runtime.Logger, left.Length, string.Join(", ", left));
            throw;
        }
    }

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Shutdown stopped waiting for {Count} background tasks that did not end when cancelled: {Tasks}. Pass the CancellationToken on to what the task awaits")]
    private static partial void LogBackgroundTasksLeft(ILogger logger, int count, string tasks);
}
