namespace Lifespan.Actors;

/// <summary>An <see cref="IFunctionRef"/>: a callback with a path that takes part in death watch.</summary>
internal sealed class FunctionRef(ActorSystem system, ActorPath path, Action<object, IActorRef> receive) : InternalActorRef, IFunctionRef
{
    private readonly HashSet<InternalActorRef> _watching = [];
    private readonly HashSet<InternalActorRef> _watchedBy = [];
    private volatile bool _stopped;

    public override ActorPath Path { get; } = path;

    public override bool IsTerminated => _stopped;

    public bool IsStopped => _stopped;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = ImplicitSender(sender);
        if (_stopped)
        {
            system.DeadLetterSink.Publish(message, from, this);
            return;
        }

        Deliver(message, (IActorRef?)from ?? ActorRefs.NoSender);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch w when ReferenceEquals(w.Watchee, this):
                bool added;
                lock (_watchedBy)
                {
                    added = !_stopped && _watchedBy.Add(w.Watcher);
                }

                if (!added && _stopped)
                {
                    w.Watcher.SendSystemMessage(new DeathWatchNotification(this));
                }

                break;
            case Unwatch u:
                lock (_watchedBy)
                {
                    _watchedBy.Remove(u.Watcher);
                }

                break;
            case DeathWatchNotification n:
                bool watched;
                lock (_watching)
                {
                    watched = _watching.Remove(n.Actor);
                }

                if (watched && !_stopped)
                {
                    Deliver(new Terminated(n.Actor), n.Actor);
                }

                break;
            case Terminate:
                Stop();   // system.Stop(functionRef) stops it like an actor: its watchers get Terminated
                break;
        }
    }

    public void Watch(IActorRef subject)
    {
        var target = subject as InternalActorRef ?? throw new NotSupportedException($"Cannot watch {subject?.Path}: it is not an actor of this kernel.");
        lock (_watching)
        {
            if (!_watching.Add(target))
            {
                return;
            }
        }

        target.SendSystemMessage(new Watch(target, this));
    }

    public void Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not InternalActorRef target)
        {
            return;
        }

        bool removed;
        lock (_watching)
        {
            removed = _watching.Remove(target);
        }

        if (removed)
        {
            target.SendSystemMessage(new Unwatch(target, this));
        }
    }

    public void Stop()
    {
        InternalActorRef[] watchers, watching;
        lock (_watchedBy)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            watchers = [.. _watchedBy];
            _watchedBy.Clear();
        }

        lock (_watching)
        {
            watching = [.. _watching];
            _watching.Clear();
        }

        foreach (var w in watchers)
        {
            w.SendSystemMessage(new DeathWatchNotification(this));
        }

        foreach (var s in watching)
        {
            s.SendSystemMessage(new Unwatch(s, this));
        }
    }

    private void Deliver(object message, IActorRef sender)
    {
        try
        {
            receive(message, sender);
        }
        catch (Exception ex)
        {
            KernelLog.FunctionRefFailed(system.KernelLogger, Path, message.GetType().Name, ex);
        }
    }
}

/// <summary>Function references.</summary>
public sealed partial class ActorSystem
{
    /// <summary>Creates a reference whose messages go to <paramref name="receive"/> (message, sender).</summary>
    /// <param name="receive">Called on the sending thread for every message; must be quick and thread-safe.</param>
    /// <param name="name">An optional name below <c>/temp</c>; a generated one when <see langword="null"/>.</param>
    public IFunctionRef CreateFunctionRef(Action<object, IActorRef> receive, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(receive);
        ActorPath path;
        if (name is null)
        {
            path = NextTempPath("fn");
        }
        else
        {
            ActorName.Validate(name, TempPath);
            path = TempPath.Child(name);
        }

        return new FunctionRef(this, path, receive);
    }
}
