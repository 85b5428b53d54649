using System.Runtime.InteropServices;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Shutdown;
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
    IOptions<LifespanSettings> settings,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory) : IHostedLifecycleService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Lifespan.Actors.Hosting");
    private readonly List<PosixSignalRegistration> _signals = [];
    private IActorRef? _guardian;
    private volatile bool _stopping;
    private volatile bool _signalled;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        LogStarted(_logger, system.Name);
        WatchSignals();
        _ = system.WhenTerminated.ContinueWith(_ => { if (!_stopping) { lifetime.StopApplication(); } }, TaskScheduler.Default);

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

        await StartAllAsync(cancellationToken).ConfigureAwait(false);
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
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var timeout = settings.Value.Tasks.StartupTimeout;
        object reply;
        try
        {
            reply = await _guardian!.Ask<object>(new StartAll(timeout), timeout + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
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

        if (reply is StartFailed failed)
        {
            await TerminateAfterFailedStartAsync().ConfigureAwait(false);
            throw new LifespanStartupException(failed.Task.Name, failed.Error);
        }
    }

    private async Task TerminateAfterFailedStartAsync()
    {
        _stopping = true;
        LifespanHotReload.Untrack(app);
        await system.Terminate().WaitAsync(system.Options.TerminateTimeout).ConfigureAwait(false);
    }

    private async Task StopLongRunningAsync(CancellationToken cancellationToken)
    {
        var timeout = system.CoordinatedShutdown.Options.TimeoutOf(ShutdownPhases.ServiceStop);
        try
        {
            await _guardian!.Ask<Done>(new StopLongRunning(timeout), timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var stuck = app.Tasks.Where(t => t.Shape == LifespanTaskShape.LongRunning && t.Status is LifespanTaskStatus.Running).Select(t => t.Name).ToList();
            if (stuck.Count > 0)
            {
                LogIgnoredCancellation(_logger, string.Join(", ", stuck), timeout);
            }
        }
    }

    private async Task TearDownAsync(CancellationToken cancellationToken)
    {
        var timeout = system.CoordinatedShutdown.Options.TimeoutOf(ShutdownPhases.BeforeActorSystemTerminate);
        await _guardian!.Ask<Done>(new TearDownAll(timeout), timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            throw new InvalidOperationException("The app is shutting down; its lifespan tasks cannot be restarted.");
        }

        var options = system.CoordinatedShutdown.Options;
        var stop = options.TimeoutOf(ShutdownPhases.ServiceStop);
        var tearDown = options.TimeoutOf(ShutdownPhases.BeforeActorSystemTerminate);
        LogRestarting(_logger);
        await _guardian!.Ask<Done>(new StopLongRunning(stop), stop, cancellationToken).ConfigureAwait(false);
        await _guardian!.Ask<Done>(new TearDownAll(tearDown), tearDown, cancellationToken).ConfigureAwait(false);
        var timeout = settings.Value.Tasks.StartupTimeout;
        if (await _guardian!.Ask<object>(new StartAll(timeout), timeout + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false) is StartFailed failed)
        {
            throw new LifespanStartupException(failed.Task.Name, failed.Error);
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

    [LoggerMessage(1, LogLevel.Information, "Actor system {Name} started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(2, LogLevel.Information, "Lifespan started: {Count} task(s) running or set up")]
    private static partial void LogLifespanStarted(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Information, "Actor system {Name} terminated ({Reason})")]
    private static partial void LogTerminated(ILogger logger, string name, ShutdownReason reason);

    [LoggerMessage(4, LogLevel.Warning, "Lifespan task(s) {Tasks} ignored cancellation for {Timeout}; shutdown goes on without them")]
    private static partial void LogIgnoredCancellation(ILogger logger, string tasks, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Information, "Restarting the lifespan tasks")]
    private static partial void LogRestarting(ILogger logger);
}
