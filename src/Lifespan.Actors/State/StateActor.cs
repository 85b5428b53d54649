using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>
/// One client session (<c>/user/sessions/&lt;hash of token&gt;</c>): owns the session's state objects and applies its work one
/// piece at a time — events in arrival order, with lock requests of background tasks, out-of-band changes and new
/// subscriptions served ahead of waiting events. An async handler keeps the session busy until it completes, but the
/// actor keeps receiving: it queues what arrives meanwhile instead of leaving it in the mailbox, so that it can count
/// it (<see cref="SessionOptions.MaxQueuedEvents"/>) and serve lock requests before queued events.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources end with it: PostStop disposes the stop token's source.")]
internal sealed partial class StateActor : UntypedActor, IWithTimers
{
    private readonly string _token;
    private readonly SessionEntry _entry;
    private readonly SessionRuntime _runtime;
    private readonly SessionState _state;
    private readonly IActorRef _self;   // Self reads the actor's context, which an async stream's steps run without
    private WorkQueues<Work> _queues;
    private Work? _current;
    private readonly EventWork _inline;   // reused by every event that starts and finishes at once
    private SessionSubscribers _subscribers;
    private Dictionary<IActorRef, BackgroundStart>? _background;
    private readonly CancellationTokenSource _stopping = new();   // every session has one: loading its state takes it
    private readonly CancellationToken _stoppingToken;   // kept, so that a handler's token is read without the source
    private bool _restoring;
    private bool _passivating;
    private Exception? _loadError;

    public StateActor(SessionEntry entry, SessionRuntime runtime)
    {
        _entry = entry;
        _token = entry.Token;
        _runtime = runtime;
        _state = new SessionState(entry.Token, runtime.States, runtime.Services);
        _inline = new EventWork();   // created with the rest of the session, so that it lies next to it in memory
        _stoppingToken = _stopping.Token;
        _self = Self;
    }

    /// <summary>Cancelled when the session stops; given to handlers that take a <see cref="CancellationToken"/>.</summary>
    private CancellationToken Stopping => _stoppingToken;

    /// <summary>The token as logs show it.</summary>
    private string RedactedToken => SessionToken.Redact(_token);

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsIdle => _current is null && _queues.Count == 0;

    /// <summary>Whether new work would be the next to start: the session is idle and ready (loaded, not saving).</summary>
    private bool CanStartNow => IsIdle && !_restoring && !_passivating && _loadError is null;

    protected override void PreStart() => BeginRestore();

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        foreach (var (_, task) in _background ?? [])
        {
            if (task.Info.SessionStopped())
            {
                _runtime.BackgroundTasks.Remove(task.Info);   // its end was on its way here: no one else will
            }
        }
    }

    protected override void OnReceive(object message)
    {
        OnMessage(message);
        _entry.SetQueued(_queues.EventCount);   // the session's own count, read by SessionHub to bound its queue
    }

    private void OnMessage(object message)
    {
        switch (message)
        {
            case SessionEvent e:
                _entry.Received();
                Accept(e.Event, SessionRuntime.IsReplyable(Sender) ? Sender : null, e.CorrelationId, e.RepliesOnFailureOnly);
                break;
            case EnqueueEvents q:
                foreach (var e in q.Events)
                {
                    Enqueue(new EventWork(e));
                }

                break;
            case WorkFinished f when ReferenceEquals(f.Work, _current):
                Finish((Work)f.Work, f.Result, f.Error);
                break;
            case AcquireLock a:
                Prioritize(new LockWork(a, Sender));
                break;
            case ReleaseLock r:
                OnReleaseLock(r);
                break;
            case FlushLock f:
                OnFlushLock(f);
                return;
            case LockHeldTooLong l:
                OnLockHeldTooLong(l);
                return;
            case EventsRefused r:
                ReportRefused(r.Entry);
                return;
            case ModifyState m:
                Prioritize(new ModifyWork(m));
                break;
            case Subscribe s:
                Prioritize(new SubscribeWork(s.Subscriber, Sender));
                break;
            case Unsubscribe u:
                RemoveSubscriber(u.Subscriber);
                break;
            case Terminated t:
                OnTerminated(t.ActorRef);
                break;
            case BackgroundTaskEnded ended:
                OnBackgroundTaskEnded(Sender, ended);
                break;
            case CancelBackgroundTasks c:
                CancelBackground(c.TaskId);
                break;
            case CloseSessions:
                CancelBackground(0);
                break;
            case Restored r:
                OnRestored(r);
                break;
            case Passivate:
                OnPassivate();
                return;
            case Saved s:
                OnSaved(s);
                return;
            default:
                Unhandled(message);
                return;
        }

        Pump();
    }

    /// <summary>
    /// Starts an arrived event at once when the session is idle (what <see cref="Enqueue"/> + <see cref="Pump"/> would
    /// do, without the queue or a new work object), or queues it.
    /// </summary>
    private void Accept(StateEvent @event, IActorRef? replyTo, long correlationId, bool repliesOnFailureOnly)
    {
        if (!CanStartNow)
        {
            Enqueue(new EventWork(@event, replyTo, correlationId, repliesOnFailureOnly));
            return;
        }

        var work = _inline;
        work.Set(@event, replyTo, correlationId, repliesOnFailureOnly);
        Run(work);
        work.Clear();   // finished, or handed on as a copy (AwaitThenFinish)
    }

    private void Prioritize(Work work)
    {
        var waiting = _queues.PriorityCount;
        if (waiting >= _runtime.Options.MaxQueuedEvents)
        {
            Fail(work, new InvalidOperationException(
                $"The session has {waiting} lock requests, subscriptions and changes waiting (lifespan.sessions.max-queued-events = {_runtime.Options.MaxQueuedEvents}); try again shortly."));
            return;
        }

        _queues.EnqueuePriority(work);
    }

    /// <summary>Answers work that cannot run (or that broke on the actor's own thread) with <paramref name="error"/>.</summary>
    private void Fail(Work work, Exception error)
    {
        switch (work)
        {
            case EventWork e:
                Report(e, error);
                break;
            case ModifyWork m:
                m.Request.Done.TrySetException(error);
                break;
            case LockWork l:
                l.ReplyTo.Tell(new Status.Failure(error));
                break;
            case SubscribeWork s:
                s.ReplyTo.Tell(new Status.Failure(error));
                break;
        }
    }

    /// <summary>Starts queued work until some of it has to be awaited or the queues are empty.</summary>
    private void Pump()
    {
        if (_loadError is not null && !RetryLoad())
        {
            return;
        }

        while (_current is null && !_restoring && !_passivating)
        {
            var next = _queues.Dequeue();
            if (next is null)
            {
                return;
            }

            Run(next);
        }
    }

    /// <summary>Starts <paramref name="work"/> as the current work.</summary>
    private void Run(Work work)
    {
        _current = work;
        try
        {
            Start(work);
        }
        catch (Exception ex)
        {
            Broke(work, ex);
        }
    }

    /// <summary>
    /// Answers <paramref name="work"/> that broke on the actor's own thread (state that cannot be written as JSON, say),
    /// so that it does not wedge the session: the work gets the error and the next one runs.
    /// </summary>
    private void Broke(Work work, Exception error)
    {
        LogWorkFailed(_runtime.Logger, error, RedactedToken);
        _state.ForgetChanges();
        Fail(work, error);
        if (work is LockWork)
        {
            Timers.Cancel(LockTimer);
        }

        _current = null;
    }

    private void Start(Work work)
    {
        switch (work)
        {
            case EventWork e:
                StartEvent(e);
                break;
            case LockWork l:
                GrantLock(l);
                break;
            case ModifyWork m:
                StartModify(m);
                break;
            case SubscribeWork s:
                AddSubscriber(s);
                break;
        }
    }

    /// <summary>Sends the changed public vars, if any, to every subscriber. Called only by the work that owns the state.</summary>
    private void PublishDelta()
    {
        string? json;
        try
        {
            json = _state.TakeDelta();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or System.Text.Json.JsonException)
        {
            _state.ForgetChanges();
            LogWorkFailed(_runtime.Logger, ex, RedactedToken);
            Broadcast(new SessionError(_token, null, $"The session's changes could not be sent: {ex.Message}"));
            return;
        }

        if (json is not null)
        {
            Broadcast(new SessionDelta(_token, json));
        }
    }

    /// <summary>Tells every subscriber; also called from an async stream's steps, outside the actor's turn.</summary>
    private void Broadcast(object message)
    {
        _subscribers.Tell(message, _self);
    }

    private sealed record LockHeldTooLong(long LockId);
}
