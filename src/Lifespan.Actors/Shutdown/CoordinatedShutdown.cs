using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Shutdown;

/// <summary>
/// Runs shutdown tasks phase by phase (<see cref="ShutdownPhases.All"/>), once, however often it is asked.
/// The tasks of one phase run in parallel and get a token cancelled at the phase's timeout; a task that fails is
/// logged and the next phase still runs; a task that overruns is named in a warning. So a shutdown takes at
/// most the sum of the phase timeouts. The last phase terminates the actor system.
/// </summary>
public sealed partial class CoordinatedShutdown
{
    private readonly List<(int Phase, string Name, Func<CancellationToken, Task> Run)> _tasks = [];
    private readonly ILogger _logger;
    private Task? _run;
    private int _currentPhase = -1;

    internal CoordinatedShutdown(ShutdownOptions options, ILogger logger)
    {
        options.Validate();
        Options = options;
        _logger = logger;
    }

    /// <summary>The settings in force.</summary>
    public ShutdownOptions Options { get; }

    /// <summary>Why the shutdown runs, once it has started.</summary>
    public ShutdownReason? Reason { get; private set; }

    /// <summary>The phase running now, or <see langword="null"/> before and after the shutdown.</summary>
    public string? CurrentPhase
    {
        get
        {
            var i = Volatile.Read(ref _currentPhase);
            return i >= 0 && i < ShutdownPhases.All.Count && _run is { IsCompleted: false } ? ShutdownPhases.All[i] : null;
        }
    }

    /// <summary>Adds a task to <paramref name="phase"/>.</summary>
    /// <exception cref="ArgumentException">The phase does not exist.</exception>
    /// <exception cref="InvalidOperationException">The phase is running or has run.</exception>
    public void AddTask(string phase, string name, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(task);
        var index = IndexOf(phase);
        lock (_tasks)
        {
            if (index <= _currentPhase)
            {
                var progress = _currentPhase < ShutdownPhases.All.Count
                    ? $"has already reached phase '{ShutdownPhases.All[_currentPhase]}'"
                    : "has already run";
                throw new InvalidOperationException(
                    $"Cannot add shutdown task '{name}' to phase '{phase}': the shutdown ({Reason}) {progress}. Add tasks before the shutdown starts.");
            }

            _tasks.Add((index, name, task));
        }
    }

    /// <summary>Starts the shutdown (the first call decides the reason) and returns the task every caller shares.</summary>
    public Task RunAsync(ShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_tasks)
        {
            if (_run is null)
            {
                Reason = reason;
                _currentPhase = 0;
                _run = Task.Run(RunPhasesAsync);
            }

            return _run;
        }
    }

    private static int IndexOf(string phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        for (var i = 0; i < ShutdownPhases.All.Count; i++)
        {
            if (string.Equals(ShutdownPhases.All[i], phase, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{phase}' is not a shutdown phase; the phases are: {string.Join(", ", ShutdownPhases.All)}.", nameof(phase));
    }

    private async Task RunPhasesAsync()
    {
        LogStarting(_logger, Reason!);
        var last = ShutdownPhases.All.Count - 1;
        for (var phase = 0; phase <= last; phase++)
        {
            (int Phase, string Name, Func<CancellationToken, Task> Run)[] tasks;
            lock (_tasks)
            {
                _currentPhase = phase;
                tasks = _tasks.Where(t => t.Phase == phase).ToArray();
            }

            if (tasks.Length == 0)
            {
                continue;
            }

            var name = ShutdownPhases.All[phase];
            var ok = await RunPhaseAsync(name, tasks).ConfigureAwait(false);
            if (!ok && !Options.RecoversIn(name) && phase < last)
            {
                LogSkipping(_logger, name);
                phase = last - 1;
            }
        }

        lock (_tasks)
        {
            _currentPhase = ShutdownPhases.All.Count;
        }

        LogFinished(_logger, Reason!);
    }

    private async Task<bool> RunPhaseAsync(string phase, (int Phase, string Name, Func<CancellationToken, Task> Run)[] tasks)
    {
        var timeout = Options.TimeoutOf(phase);
        using var cts = new CancellationTokenSource(timeout);
        var running = tasks.Select(t => (t.Name, Task: Task.Run(() => t.Run(cts.Token), CancellationToken.None))).ToArray();
        try
        {
            await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // reported per task below
        }

        // A task that ended cancelled by the phase's token gave up at the timeout, as one still running did.
        var timedOut = running.Where(r => !r.Task.IsCompleted || (r.Task.IsCanceled && cts.IsCancellationRequested)).Select(r => r.Name).ToArray();
        if (timedOut.Length > 0)
        {
            LogPhaseTimedOut(_logger, phase, timeout, string.Join(", ", timedOut));
        }

        var ok = timedOut.Length == 0;
        foreach (var (name, task) in running)
        {
            if (task.IsFaulted)
            {
                ok = false;
                LogTaskFailed(_logger, name, phase, task.Exception!.GetBaseException());
            }
        }

        return ok;
    }

    [LoggerMessage(1, LogLevel.Information, "Coordinated shutdown starting: {Reason}")]
    private static partial void LogStarting(ILogger logger, ShutdownReason reason);

    [LoggerMessage(2, LogLevel.Information, "Coordinated shutdown finished: {Reason}")]
    private static partial void LogFinished(ILogger logger, ShutdownReason reason);

    [LoggerMessage(3, LogLevel.Warning, "Shutdown phase {Phase} timed out after {Timeout}; gave up on: {Tasks}")]
    private static partial void LogPhaseTimedOut(ILogger logger, string phase, TimeSpan timeout, string tasks);

    [LoggerMessage(4, LogLevel.Error, "Shutdown task {Task} failed in phase {Phase}")]
    private static partial void LogTaskFailed(ILogger logger, string task, string phase, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Shutdown phase {Phase} does not recover from failures: skipping to actor-system-terminate")]
    private static partial void LogSkipping(ILogger logger, string phase);
}
