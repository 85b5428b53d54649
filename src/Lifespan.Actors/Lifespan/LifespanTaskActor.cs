using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// Runs, watches and cancels one lifespan task. The task's code never runs inside this actor's mailbox: it runs
/// on the thread pool, and its outcome comes back as a message, so the
/// actor can always be told to stop.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The token source is cancelled and disposed in PostStop; Akka owns an actor's lifetime.")]
internal sealed partial class LifespanTaskActor : ReceiveActor, IWithTimers
{
    private readonly LifespanTask _task;
    private readonly LifespanRuntime _runtime;
    private readonly Random _random = new();
    private CancellationTokenSource? _cancellation;
    private Task? _body;
    private int _generation;
    private long _startedAt;
    private int _restartsInRow;
    private object? _state;
    private IActorRef? _startReplyTo;
    private IActorRef? _tearDownReplyTo;
    private bool _cancelling;
    private Task<object?>? _setup;
    private bool _abandoned;
    private bool _armed;   // a shutdown handler runs once per start: set when the startup reaches it, cleared when it runs
    private readonly List<IActorRef> _awaiters = [];

    public LifespanTaskActor(LifespanTask task, LifespanRuntime runtime)
    {
        _task = task;
        _runtime = runtime;
        Receive<StartTask>(_ => Start());
        Receive<SetupEnded>(OnSetupEnded);
        Receive<BodyEnded>(OnBodyEnded);
        Receive<RestartNow>(r => { if (r.Generation == _generation && !_cancelling) { RunBody(); } });
        Receive<CancelTask>(_ => Cancel());
        Receive<AwaitTask>(_ => { if (_body is null) { Sender.Tell(Done.Instance); } else { _awaiters.Add(Sender); } });
        Receive<TearDownTask>(_ => TearDown());
        Receive<TearDownEnded>(OnTearDownEnded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private ILogger Log => _runtime.Logger;

    protected override void PostStop()
    {
        if (_setup is not null && !_abandoned)
        {
            AbandonSetup();
        }

        var cancellation = _cancellation;
        if (cancellation is not null)
        {
            _ = Task.Run(() => { try { cancellation.Cancel(); } catch (AggregateException) { } finally { cancellation.Dispose(); } });
        }
    }

    private void Start()
    {
        if (_body is not null || _task.Status is LifespanTaskStatus.Starting || (_task.IsResource && _task.Status == LifespanTaskStatus.Running))
        {
            Sender.Tell(new TaskStarted());   // already started: starting twice would run two copies
            return;
        }

        _startReplyTo = Sender;
        _tearDownReplyTo = null;
        _cancelling = false;
        _abandoned = false;
        _restartsInRow = 0;
        switch (_task.Shape)
        {
            case LifespanTaskShape.LongRunning:
                RunBody();
                Sender.Tell(new TaskStarted());
                break;
            case LifespanTaskShape.ShutdownHandler:
                _armed = true;
                Sender.Tell(new TaskStarted());
                break;
            case LifespanTaskShape.Synchronous or LifespanTaskShape.StartupHandler:
                _task.SetStatus(LifespanTaskStatus.Starting);
                PipeToSelf(Task.Run(async () => { await _task.Body.RunAsync(_runtime, _runtime.Stopping).ConfigureAwait(false); return (object?)null; }), t => new SetupEnded(t));
                break;
            default:
                _task.SetStatus(LifespanTaskStatus.Starting);
                _setup = Task.Run(() => _task.Body.SetUpAsync(_runtime, _runtime.Stopping));
                PipeToSelf(_setup, t => new SetupEnded(t));
                break;
        }
    }

    private void OnSetupEnded(SetupEnded ended)
    {
        var replyTo = _startReplyTo ?? ActorRefs.NoSender;
        _startReplyTo = null;
        if (!ended.Setup.IsCompletedSuccessfully)
        {
            var error = ended.Setup.Exception?.GetBaseException() ?? new OperationCanceledException($"The setup of lifespan task '{_task.Name}' was cancelled.");
            if (error is OperationCanceledException && _runtime.Stopping.IsCancellationRequested)
            {
                _task.SetStatus(LifespanTaskStatus.Cancelled);   // the app is stopping: an orderly end, not a failure
                LogSetupCancelled(Log, _task.Name);
            }
            else
            {
                _task.SetStatus(LifespanTaskStatus.Faulted, error);
                LogSetupFailed(Log, _task.Name, error);
            }

            replyTo.Tell(new TaskStartFailed(error));
            return;
        }

        _setup = null;
        if (_abandoned)
        {
            return;   // the teardown is already chained to the setup (see AbandonSetup)
        }

        if (_task.IsResource)
        {
            _state = ended.Setup.Result;
            _runtime.State.Publish(_state);
            _task.SetStatus(LifespanTaskStatus.Running);
            LogSetUp(Log, _task.Name);
        }
        else
        {
            _task.SetStatus(LifespanTaskStatus.Completed);
        }

        replyTo.Tell(new TaskStarted());
    }

    private void RunBody()
    {
        _cancellation?.Dispose();
        _cancellation = new CancellationTokenSource();
        var token = _cancellation.Token;
        var generation = ++_generation;
        _startedAt = _runtime.Time.GetTimestamp();
        _task.SetStatus(LifespanTaskStatus.Running);
        _body = Task.Run(() => _task.Body.RunAsync(_runtime, token), CancellationToken.None);   // like BackgroundService on .NET 10: never on the actor's thread
        PipeToSelf(_body, t => new BodyEnded(generation, t));
    }

    private void OnBodyEnded(BodyEnded ended)
    {
        if (ended.Generation != _generation)
        {
            return;
        }

        _body = null;
        var body = ended.Body;
        var error = body.IsCompletedSuccessfully ? null : ErrorOf(body);
        var asked = _cancelling || _cancellation!.IsCancellationRequested;
        var cancelled = asked && (body.IsCanceled || error is OperationCanceledException);   // an OCE nobody asked for is a failure
        if (body.IsCompletedSuccessfully && !_cancelling)
        {
            _task.SetStatus(LifespanTaskStatus.Completed);
            LogCompleted(Log, _task.Name);
        }
        else if (cancelled || body.IsCompletedSuccessfully)
        {
            _task.SetStatus(LifespanTaskStatus.Cancelled);
            LogCancelled(Log, _task.Name);
        }
        else if (_cancelling)
        {
            _task.SetStatus(LifespanTaskStatus.Faulted, error);
            LogFailed(Log, _task.Name, error!);
        }
        else
        {
            OnFailure(error!);
        }

        foreach (var awaiter in _awaiters)
        {
            awaiter.Tell(Done.Instance);
        }

        _awaiters.Clear();
    }

    private static Exception ErrorOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return new InvalidOperationException("The task did not fail.");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private void OnFailure(Exception error)
    {
        _task.SetStatus(LifespanTaskStatus.Faulted, error);
        var options = _task.Options;
        switch (options.OnFailure)
        {
            case LifespanFailurePolicy.Restart:
                var time = _runtime.Time;
                if (time.GetElapsedTime(_startedAt) >= options.ResetAfter)
                {
                    _restartsInRow = 0;
                }

                if (_restartsInRow >= options.MaxRestarts)
                {
                    LogGaveUp(Log, _task.Name, options.MaxRestarts, error);
                    return;
                }

                _restartsInRow++;
                _task.CountRestart();
                var delay = options.Backoff(_restartsInRow, _random);
                LogRestarting(Log, _task.Name, delay, _restartsInRow, options.MaxRestarts, error);
                Timers.StartSingleTimer("restart", new RestartNow(_generation), delay);
                break;
            case LifespanFailurePolicy.StopApplication:
                LogStoppingApplication(Log, _task.Name, error);
                try
                {
                    _runtime.App.StopApplication();
                }
                catch (InvalidOperationException ex)
                {
                    LogFailed(Log, _task.Name, ex);
                }

                break;
            default:
                LogFailed(Log, _task.Name, error);
                break;
        }
    }

    private void Cancel()
    {
        _cancelling = true;
        Timers.Cancel("restart");
        _generation += _body is null ? 1 : 0;   // a restart that was pending is off
        if (_body is null || _cancellation is null)
        {
            Sender.Tell(new CancelRequested());
            return;
        }

        // Cancel() runs the token's callbacks before it returns (CancelAsync does not wait for them), so the next
        // task is cancelled only after this one has seen its cancellation; off the mailbox thread, answered from there.
        var (cancellation, replyTo, name, log) = (_cancellation, Sender, _task.Name, Log);
        _ = Task.Run(() =>
        {
            try
            {
                cancellation.Cancel();
            }
            catch (AggregateException ex)
            {
                LogCancelCallbackFailed(log, name, ex);   // a callback on the token threw; the task is still cancelled
            }
            catch (ObjectDisposedException)
            {
                // the actor stopped meanwhile and cancelled it itself
            }

            replyTo.Tell(new CancelRequested());
        });
    }

    private void PipeToSelf<T>(T task, Func<T, object> toMessage) where T : Task => task.PipeOutcomeTo(Self, toMessage);
}
