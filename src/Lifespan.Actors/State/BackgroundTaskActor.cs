using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>
/// Runs one background task (<c>/user/sessions/&lt;token&gt;/bg-&lt;id&gt;</c>) on its own copy of the state, which is
/// read-only outside the lock; the copy changes the session's state only through <see cref="AcquireLock"/> and
/// <see cref="ReleaseLock"/> messages to the parent. Events the task returns or yields are queued in the session.
/// The task's token is cancelled by <see cref="Cancel"/> and when the actor stops. The session takes the task off
/// <see cref="SessionRuntime.BackgroundTasks"/> once it has applied what the task sent before it ended; a body that
/// outlives its session (stopped) is taken off when it ends.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The body may still register on the token after the actor stops; a token source without timers needs no disposal.")]
internal sealed class BackgroundTaskActor : ReceiveActor
{
    private readonly BackgroundStart _start;
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _stopped = new();

    public BackgroundTaskActor(BackgroundStart start)
    {
        _start = start;
        Receive<Cancel>(_ => _cancel.Cancel());
        Receive<BodyEnded>(OnBodyEnded);
    }

    protected override void PreStart()
    {
        var (self, parent, start, token, stopped) = (Self, Context.Parent, _start, _cancel.Token, _stopped.Token);
        _ = Task.Run(() => RunAsync(Snapshot(start, parent, self, stopped), start, parent, token), CancellationToken.None).ContinueWith(
            t =>
            {
                if (start.Info.BodyEnded())
                {
                    start.Runtime.BackgroundTasks.Remove(start.Info);   // the session has stopped: no one else will
                    return;
                }

                var cancelled = t.IsCanceled || t.Exception?.InnerException is OperationCanceledException && token.IsCancellationRequested;
                parent.Tell(new BackgroundTaskEnded(start.Info.Id, cancelled ? null : t.Exception?.InnerException), self);   // behind what the body sent
                self.Tell(BodyEnded.Instance);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    protected override void PostStop()
    {
        _stopped.Cancel();
        _cancel.Cancel();
    }

    /// <summary>The task's own copy of the state: frozen, writable only by the flow holding the lock.</summary>
    private static State Snapshot(BackgroundStart start, IActorRef parent, IActorRef self, CancellationToken stopped)
    {
        var snapshot = start.Type.Create();
        snapshot.Refresh(start.State);
        snapshot.ClientToken = start.Info.SessionToken;
        snapshot.Services = start.Runtime.Services;
        snapshot.Background = new BackgroundContext(parent, self, start.StateIndex, stopped);
        snapshot.Freeze();
        return snapshot;
    }

    private static async Task RunAsync(State snapshot, BackgroundStart start, IActorRef parent, CancellationToken cancellationToken)
    {
        var origin = start.Event.Handler;
        var result = start.Handler.Invoke(snapshot, new StateEventArguments(origin, start.Event), cancellationToken);
        StateEvent? next = null;
        switch (result)
        {
            case Task<StateEvent?> task:
                next = await task.ConfigureAwait(false);
                break;
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask<StateEvent?> valueTask:
                next = await valueTask.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
            case IAsyncEnumerable<StateEvent?> stream:
                await BackgroundStream.RunAsync(stream, snapshot.Background!, origin, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (next is not null)
        {
            parent.Tell(new EnqueueEvents([next], origin));
        }
    }

    /// <summary>The body has ended and the session has been told (<see cref="BackgroundTaskEnded"/>): the actor stops.</summary>
    private void OnBodyEnded(BodyEnded ended) => Context.Stop(Self);

    /// <summary>Cancels the task's token.</summary>
    internal sealed class Cancel
    {
        public static readonly Cancel Instance = new();

        private Cancel() { }
    }

    private sealed class BodyEnded
    {
        public static readonly BodyEnded Instance = new();

        private BodyEnded() { }
    }
}
