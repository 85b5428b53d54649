using Microsoft.Extensions.Logging;

namespace Lifespan.Actors;

/// <summary>The <see cref="IActorContext"/> face of the cell.</summary>
internal sealed partial class ActorCell
{
    IActorRef IActorContext.Self => SelfRef;

    public IActorRef Sender => (IActorRef?)_currentSender ?? ActorRefs.NoSender;

    public IActorRef Parent => (IActorRef?)ParentRef ?? ActorRefs.Nobody;

    ActorSystem IActorContext.System => System;

    public ITimerScheduler Timers => Extras.Timers ??= new TimerScheduler(this);

    public IStash Stash => this;

    public CancellationToken CancellationToken
    {
        get
        {
            if (_state >= StateTerminating)
            {
                return new CancellationToken(canceled: true);
            }

            var extras = Extras;
            var cts = extras.Cancellation;
            if (cts is null)
            {
                var created = new CancellationTokenSource();
                cts = Interlocked.CompareExchange(ref extras.Cancellation, created, null) ?? created;
                if (!ReferenceEquals(cts, created))
                {
                    created.Dispose();
                }
            }

            return _state >= StateTerminating ? new CancellationToken(canceled: true) : cts.Token;
        }
    }

    public ILogger Logger => System.LoggerFactory.CreateLogger(_actor?.GetType().FullName ?? "Lifespan.Actors.Actor");

    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    public void Become(Action configure) => RequireActor().BecomeInternal(configure, discardOld: true);

    public void BecomeStacked(Action configure) => RequireActor().BecomeInternal(configure, discardOld: false);

    public void UnbecomeStacked() => RequireActor().UnbecomeInternal();

    private ReceiveActor RequireActor() =>
        _actor ?? throw new InvalidOperationException($"Actor {Path} has no running instance (it is starting, restarting or stopped).");

    /// <summary>Cancels and forgets the current incarnation's token (on restart and stop).</summary>
    private void CancelIncarnation()
    {
        var cts = _extras?.Cancellation;
        if (cts is null)
        {
            return;
        }

        _extras!.Cancellation = null;
        _ = cts.CancelAsync().ContinueWith(static (_, s) => ((CancellationTokenSource)s!).Dispose(), cts, TaskScheduler.Default);
    }
}
