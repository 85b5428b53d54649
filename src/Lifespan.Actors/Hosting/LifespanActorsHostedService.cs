using System.Runtime.InteropServices;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Shutdown;
using Lifespan.Actors.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Starts the lifespan in <see cref="StartingAsync"/> — before any hosted service's <c>StartAsync</c>, so before the
/// web server listens — and runs the coordinated shutdown in <see cref="StoppedAsync"/>, after the web server has
/// drained. If the actor system ends on its own, the host is asked to stop.
/// </summary>
internal sealed partial class LifespanActorsHostedService(
    ActorSystem system,
    LifespanApp app,
    LifespanRegistry registry,
    LifespanStateStore state,
    SessionHub sessions,
    IOptions<LifespanSettings> settings,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory) : IHostedLifecycleService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Lifespan.Actors.Hosting");
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly SemaphoreSlim _restart = new(1, 1);
    private IActorRef? _guardian;
    private volatile bool _stopping;
    private volatile bool _signalled;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        LogStarted(_logger, system.Name);
        WatchSignals();
        _ = system.WhenTerminated.ContinueWith(_ => { if (!_stopping) { lifetime.StopApplication(); } }, TaskScheduler.Default);

        LogSessionsStarted(_logger, sessions.Registry.Path.ToString(), sessions.Options.States.Count);
        registry.Validate(app.Services);
        var tasks = registry.Begin();
        var runtime = new LifespanRuntime(app.Services, app, state, loggerFactory.CreateLogger("Lifespan.Actors.Lifespan"), lifetime.ApplicationStopping);
        _guardian = system.ActorOf(Props.Create(() => new LifespanGuardian(tasks, runtime)), "lifespan");
        system.CoordinatedShutdown.AddTask(ShutdownPhases.ServiceStop, "lifespan: cancel long-running tasks", StopLongRunningAsync);
        system.CoordinatedShutdown.AddTask(ShutdownPhases.BeforeActorSystemTerminate, "lifespan: tear down resources", TearDownAsync);
        app.SetRestart(RestartAsync);
        if (environment.IsDevelopment())
        {
            LifespanHotReload.Track(app);
        }

        if (await StartAllAsync(cancellationToken).ConfigureAwait(false) is StartStopped stopped)
        {
            LogStoppedWhileStarting(_logger, stopped.Started, tasks.Length);
            return;   // the host goes on to its stop, as after any StopApplication()
        }

        LogLifespanStarted(_logger, tasks.Length);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        LifespanHotReload.Untrack(app);
        var reason = _signalled ? ShutdownReason.ProcessSignal : ShutdownReason.ApplicationStop;
        await system.CoordinatedShutdown.RunAsync(reason).WaitAsync(cancellationToken).ConfigureAwait(false);
        await system.WhenTerminated.WaitAsync(cancellationToken).ConfigureAwait(false);
        LogTerminated(_logger, system.Name, reason);
    }

    public void Dispose()
    {
        LifespanHotReload.Untrack(app);
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _restart.Dispose();
    }

    private StartAll StartMessage()
    {
        var phases = system.CoordinatedShutdown.Options;
        return new StartAll(settings.Value.Tasks.StartupTimeout, phases.TimeoutOf(ShutdownPhases.ServiceStop), phases.TimeoutOf(ShutdownPhases.BeforeActorSystemTerminate));
    }

    /// <summary>How long a start may take in all: the startup timeout, and a rollback bounded by the two shutdown phases.</summary>
    private static TimeSpan Bound(StartAll start) => start.Timeout + start.StopTimeout + start.TearDownTimeout + ReplyMargin;

    /// <summary>Added to an Ask's timeout when the guardian keeps to the same timeout itself, so that its answer can still arrive.</summary>
    private static readonly TimeSpan ReplyMargin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Starts the lifespan tasks; returns <see cref="AllStarted"/>, or <see cref="StartStopped"/> when the app was
    /// asked to stop meanwhile (the tasks that had started are stopped again by then); throws when a task failed.
    /// </summary>
    private async Task<object> StartAllAsync(CancellationToken cancellationToken)
    {
        var start = StartMessage();
        var timeout = start.Timeout;
        object reply;
        try
        {
            reply = await AskToStartAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException)
        {
            await TerminateAfterFailedStartAsync().ConfigureAwait(false);
            if (app.Tasks.FirstOrDefault(t => t.Status == LifespanTaskStatus.Faulted) is { Exception: { } error } faulted)
            {
                throw new LifespanStartupException(faulted.Name, error);   // e.g. a StopApplication task that failed at once
            }

            var pending = app.Tasks.FirstOrDefault(t => t.Status == LifespanTaskStatus.Starting);
            throw new LifespanStartupException(pending?.Name ?? "(none)", new TimeoutException(
                ex is AskTimeoutException
                    ? $"The lifespan did not start within lifespan.tasks.startup-timeout ({timeout})."
                    : "The host cancelled the startup before every lifespan task had started.", ex));
        }

        if (reply is AllStarted)
        {
            return reply;
        }

        WarnAboutStuckTasks(start.StopTimeout);   // the start ended early: a long-running task still running ignored its cancellation
        if (reply is StartFailed failed)
        {
            await TerminateAfterFailedStartAsync().ConfigureAwait(false);
            throw new LifespanStartupException(failed.Task.Name, failed.Error);
        }

        return reply;
    }

    /// <summary>
    /// Asks the guardian to start the tasks. The host links <c>ApplicationStopping</c> into its start token, but a
    /// stop requested during startup is an orderly stop, not a cancelled start: the guardian sees it too, starts
    /// nothing more, stops what has started and answers <see cref="StartStopped"/>, so its answer is awaited then.
    /// </summary>
    private async Task<object> AskToStartAsync(StartAll start, CancellationToken cancellationToken)
    {
        var reply = _guardian!.Ask<object>(start, Bound(start), CancellationToken.None);
        try
        {
            return await reply.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return await reply.ConfigureAwait(false);
        }
    }

    private async Task TerminateAfterFailedStartAsync()
    {
        _stopping = true;
        LifespanHotReload.Untrack(app);
        try
        {
            await system.Terminate().WaitAsync(system.Options.TerminateTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // keep the startup failure as the error; this is only the clean-up after it
            LogTerminateTimedOut(_logger, system.Name, system.Options.TerminateTimeout);
        }
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
        var timeout = system.CoordinatedShutdown.Options.TimeoutOf(ShutdownPhases.ServiceStop);
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
        var timeout = system.CoordinatedShutdown.Options.TimeoutOf(ShutdownPhases.BeforeActorSystemTerminate);
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

    private void WatchSignals()
    {
        if (OperatingSystem.IsWindows() || OperatingSystem.IsBrowser())
        {
            return;
        }

        // The host's console lifetime turns these signals into a stop; this only records the reason.
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, _ => _signalled = true));
        }
    }

    [LoggerMessage(20, LogLevel.Debug, "Sessions at {Path} hold {Count} state class(es)")]
    private static partial void LogSessionsStarted(ILogger logger, string path, int count);

    [LoggerMessage(1, LogLevel.Information, "Actor system {Name} started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(2, LogLevel.Information, "Lifespan started: {Count} task(s) running or set up")]
    private static partial void LogLifespanStarted(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Information, "The app was asked to stop while its lifespan tasks started; the {Started} of {Count} that had started were stopped again")]
    private static partial void LogStoppedWhileStarting(ILogger logger, int started, int count);

    [LoggerMessage(3, LogLevel.Information, "Actor system {Name} terminated ({Reason})")]
    private static partial void LogTerminated(ILogger logger, string name, ShutdownReason reason);

    [LoggerMessage(4, LogLevel.Warning, "Lifespan task(s) {Tasks} ignored cancellation for {Timeout}; shutdown goes on without them")]
    private static partial void LogIgnoredCancellation(ILogger logger, string tasks, TimeSpan timeout);

    [LoggerMessage(6, LogLevel.Error, "Actor system {Name} did not terminate within {Timeout} after the failed start")]
    private static partial void LogTerminateTimedOut(ILogger logger, string name, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Information, "Restarting the lifespan tasks")]
    private static partial void LogRestarting(ILogger logger);
}
