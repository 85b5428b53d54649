using System.Collections.Immutable;
using Akka.Hosting;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The lifespan of one app: spawns <c>/user/lifespan</c> and <c>/user/sessions</c> when Akka.Hosting starts the
/// actor system, starts the tasks (Akka.Hosting runs it before the web server starts), joins the coordinated
/// shutdown — long-running tasks cancelled in <c>service-stop</c>, resources torn down in
/// <c>before-actor-system-terminate</c> — and restarts the tasks on a hot reload.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A DI singleton for the app's whole life; its semaphore has no wait handle to release.")]
internal sealed partial class LifespanController(
    IServiceProvider services,
    LifespanApp app,
    LifespanRegistry registry,
    LifespanStateStore state,
    SessionHub sessions,
    IStateStore store,
    IOptions<LifespanSettings> settings,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory)
{
    /// <summary>Added to an Ask's timeout when the guardian keeps to the same timeout itself, so that its answer can still arrive.</summary>
    private static readonly TimeSpan ReplyMargin = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggerFactory.CreateLogger("Lifespan.Actors.Hosting");
    private readonly SemaphoreSlim _restart = new(1, 1);
    private ActorSystem? _system;
    private IActorRef? _guardian;
    private ImmutableArray<LifespanTask> _tasks = [];
    private volatile bool _stopping;

    /// <summary>Whether the Akka half of the set-up, <c>AddLifespanActors</c> on the <c>AkkaConfigurationBuilder</c>, was called.</summary>
    public bool IsAddedToAkka { get; private set; }

    /// <summary>Notes that the Akka half of the set-up was called (the actors start with the actor system).</summary>
    public void MarkAddedToAkka() => IsAddedToAkka = true;

    /// <summary>Whether the app is shutting down: no restart any more.</summary>
    public void MarkStopping()
    {
        _stopping = true;
        LifespanHotReload.Untrack(app);
    }

    /// <summary>Spawns the guardian and the sessions, registers them and joins the coordinated shutdown (an Akka.Hosting actor starter).</summary>
    public void StartActors(ActorSystem system, IActorRegistry actors)
    {
        _system = system;
        var shutdown = CoordinatedShutdown.Get(system);
        LogSystemStarted(_logger, system.Name);
        system.RegisterOnTermination(() => LogSystemTerminated(_logger, system.Name, Describe(shutdown.ShutdownReason)));
        var regionRef = sessions.Attach(system, settings.Value.Sessions, store, loggerFactory, services);
        LogSessionsStarted(_logger, regionRef.Path.ToString(), sessions.Options.States.Count);
        actors.Register<SessionRegionKey>(regionRef);

        registry.Validate(services);
        _tasks = registry.Begin();
        var runtime = new LifespanRuntime(services, app, state, loggerFactory.CreateLogger("Lifespan.Actors.Lifespan"), services.GetService<TimeProvider>() ?? TimeProvider.System, lifetime.ApplicationStopping);
        var tasks = _tasks;
        _guardian = system.ActorOf(Props.Create(() => new LifespanGuardian(tasks, runtime)), "lifespan");
        actors.Register<LifespanGuardianKey>(_guardian);

        var endpoints = services.GetRequiredService<SessionEndpointLifetime>();
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "sessions: stop taking WebSocket connections", () =>
        {
            endpoints.Unbind();
            return Task.FromResult(Done.Instance);
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "lifespan: cancel long-running tasks", () => AsPhaseTask(CoordinatedShutdown.PhaseServiceStop, StopLongRunningAsync));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "lifespan: tear down resources", () => AsPhaseTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, TearDownAsync));
        app.SetRestart(RestartAsync);
        if (environment.IsDevelopment())
        {
            LifespanHotReload.Track(app);
        }
    }

    /// <summary>Starts every task in registration order (an Akka.Hosting startup task: it ends before the web server starts).</summary>
    /// <exception cref="LifespanStartupException">A task failed to start; what had started was undone.</exception>
    public async Task StartLifespanAsync()
    {
        if (await StartAllAsync().ConfigureAwait(false) is StartStopped stopped)
        {
            LogStoppedWhileStarting(_logger, stopped.Started, _tasks.Length);
            return;   // the host goes on to its stop, as after any StopApplication()
        }

        LogLifespanStarted(_logger, _tasks.Length);
    }

    private static string Describe(CoordinatedShutdown.Reason? reason) => reason switch
    {
        null => "terminated without a coordinated shutdown",
        CoordinatedShutdown.ClrExitReason => "the host stopped",
        CoordinatedShutdown.ActorSystemTerminateReason => "ActorSystem.Terminate()",
        _ => reason.GetType().Name,
    };

    /// <summary>The timeout of shutdown phase <paramref name="phase"/> (<c>akka.coordinated-shutdown.phases</c>).</summary>
    public TimeSpan PhaseTimeout(string phase) => CoordinatedShutdown.Get(_system!).Timeout(phase);

    private async Task<Done> AsPhaseTask(string phase, Func<CancellationToken, Task> run)
    {
        MarkStopping();
        using var timeout = new CancellationTokenSource(PhaseTimeout(phase));
        await run(timeout.Token).ConfigureAwait(false);
        return Done.Instance;
    }

    private StartAll StartMessage() => new(
        settings.Value.Tasks.StartupTimeout,
        PhaseTimeout(CoordinatedShutdown.PhaseServiceStop),
        PhaseTimeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate));

    /// <summary>How long a start may take in all: the startup timeout, and a rollback bounded by the two shutdown phases.</summary>
    private static TimeSpan Bound(StartAll start) => start.Timeout + start.StopTimeout + start.TearDownTimeout + ReplyMargin;

    /// <summary>
    /// Starts the lifespan tasks; returns <see cref="AllStarted"/>, or <see cref="StartStopped"/> when the app was
    /// asked to stop meanwhile (the tasks that had started are stopped again by then); throws when a task failed.
    /// A stop requested during startup is an orderly stop, not a cancelled start: the guardian sees it too, starts
    /// nothing more, stops what has started and answers <see cref="StartStopped"/>.
    /// </summary>
    private async Task<object> StartAllAsync()
    {
        var start = StartMessage();
        object reply;
        try
        {
            reply = await _guardian!.Ask<object>(start, Bound(start)).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            MarkStopping();
            if (app.Tasks.FirstOrDefault(t => t.Status == LifespanTaskStatus.Faulted) is { Exception: { } error } faulted)
            {
                throw new LifespanStartupException(faulted.Name, error);   // e.g. a StopApplication task that failed at once
            }

            var pending = app.Tasks.FirstOrDefault(t => t.Status == LifespanTaskStatus.Starting);
            throw new LifespanStartupException(pending?.Name ?? "(none)", new TimeoutException(
                $"The lifespan did not start within lifespan.tasks.startup-timeout ({start.Timeout}).", ex));
        }

        if (reply is AllStarted)
        {
            return reply;
        }

        WarnAboutStuckTasks(start.StopTimeout);   // the start ended early: a long-running task still running ignored its cancellation
        if (reply is StartFailed failed)
        {
            MarkStopping();
            throw new LifespanStartupException(failed.Task.Name, failed.Error);
        }

        return reply;
    }

    private void WarnAboutStuckTasks(TimeSpan timeout)
    {
        var stuck = app.Tasks.Where(t => t.Shape == LifespanTaskShape.LongRunning && t.Status is LifespanTaskStatus.Running).Select(t => t.Name).ToList();
        if (stuck.Count > 0)
        {
            LogIgnoredCancellation(_logger, string.Join(", ", stuck), timeout);
        }
    }

    /// <summary>Cancels the long-running tasks and awaits them (phase <c>service-stop</c>, and a restart's first step).</summary>
    private async Task StopLongRunningAsync(CancellationToken cancellationToken)
    {
        var timeout = PhaseTimeout(CoordinatedShutdown.PhaseServiceStop);
        try
        {
            // The guardian keeps to the timeout itself; the margin lets its answer arrive. A phase's token still ends the wait on time.
            await _guardian!.Ask<Done>(new StopLongRunning(timeout), timeout + ReplyMargin, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WarnAboutStuckTasks(timeout);
        }
    }

    /// <summary>
    /// Runs the shutdown handlers and tears the resources down, each within its share of the phase's timeout
    /// (phase <c>before-actor-system-terminate</c>, and a restart's second step).
    /// </summary>
    private async Task TearDownAsync(CancellationToken cancellationToken)
    {
        var timeout = PhaseTimeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate);
        await _guardian!.Ask<Done>(new TearDownAll(timeout), timeout + ReplyMargin, cancellationToken).ConfigureAwait(false);
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        // One restart at a time: two quick hot reloads must not interleave their stops and starts.
        await _restart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopping)
            {
                throw new InvalidOperationException("The app is shutting down; its lifespan tasks cannot be restarted.");
            }

            LogRestarting(_logger);
            await StopLongRunningAsync(cancellationToken).ConfigureAwait(false);
            await TearDownAsync(cancellationToken).ConfigureAwait(false);
            var start = StartMessage();
            if (await _guardian!.Ask<object>(start, Bound(start), cancellationToken).ConfigureAwait(false) is StartFailed failed)
            {
                throw new LifespanStartupException(failed.Task.Name, failed.Error);
            }
        }
        finally
        {
            _restart.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Actor system {Name} started")]
    private static partial void LogSystemStarted(ILogger logger, string name);

    [LoggerMessage(3, LogLevel.Information, "Actor system {Name} terminated ({Reason})")]
    private static partial void LogSystemTerminated(ILogger logger, string name, string reason);

    [LoggerMessage(20, LogLevel.Debug, "Sessions at {Path} hold {Count} state class(es)")]
    private static partial void LogSessionsStarted(ILogger logger, string path, int count);

    [LoggerMessage(2, LogLevel.Information, "Lifespan started: {Count} task(s) running or set up")]
    private static partial void LogLifespanStarted(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Information, "The app was asked to stop while its lifespan tasks started; the {Started} of {Count} that had started were stopped again")]
    private static partial void LogStoppedWhileStarting(ILogger logger, int started, int count);

    [LoggerMessage(4, LogLevel.Warning, "Lifespan task(s) {Tasks} ignored cancellation for {Timeout}; shutdown goes on without them")]
    private static partial void LogIgnoredCancellation(ILogger logger, string tasks, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Information, "Restarting the lifespan tasks")]
    private static partial void LogRestarting(ILogger logger);
}
