namespace Lifespan.Actors;

/// <summary>Death watch: <see cref="Terminated"/> exactly once per watch, at once for an actor already dead.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        var target = AsInternal(subject, "watch");
        if (ReferenceEquals(target, SelfRef))
        {
            return subject;
        }

        lock (this)
        {
            if (!(Extras.Watching ??= []).Add(target))
            {
                return subject;
            }
        }

        target.SendSystemMessage(new Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = AsInternal(subject, "unwatch");
        bool wasWatching;
        lock (this)
        {
            wasWatching = _extras?.Watching?.Remove(target) == true;
            _extras?.TerminatedQueued?.Remove(target);
        }

        if (wasWatching)
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        return subject;
    }

    private static InternalActorRef AsInternal(IActorRef subject, string verb)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject as InternalActorRef
            ?? throw new NotSupportedException($"Cannot {verb} {subject.Path}: it is not an actor of this kernel.");
    }

    private void HandleWatch(Watch watch)
    {
        if (ReferenceEquals(watch.Watchee, SelfRef) && !ReferenceEquals(watch.Watcher, SelfRef))
        {
            (Extras.WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void HandleUnwatch(Unwatch unwatch)
    {
        if (ReferenceEquals(unwatch.Watchee, SelfRef))
        {
            _extras?.WatchedBy?.Remove(unwatch.Watcher);
        }
    }

    private void HandleDeathWatchNotification(InternalActorRef actor)
    {
        bool deliver;
        lock (this)
        {
            deliver = _extras?.Watching?.Remove(actor) == true;
            if (deliver && _state < StateTerminating)
            {
                (_extras!.TerminatedQueued ??= []).Add(actor);
            }
        }

        if (deliver && _state < StateTerminating)
        {
            Mailbox.PostUser(new Terminated(actor), actor);
        }

        if (actor is LocalActorRef { Cell: var cell } && ReferenceEquals(cell.ParentRef, SelfRef))
        {
            HandleChildTerminated(cell);
        }
    }

    private void NotifyWatchersAndUnwatch()
    {
        if (_extras?.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                if (!ReferenceEquals(watcher, ParentRef))
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(SelfRef));
                }
            }

            watchers.Clear();
        }

        InternalActorRef[] watching;
        lock (this)
        {
            watching = _extras?.Watching is { Count: > 0 } w ? [.. w] : [];
            _extras?.Watching?.Clear();
        }

        foreach (var subject in watching)
        {
            subject.SendSystemMessage(new Unwatch(subject, SelfRef));
        }
    }

    /// <summary>What a dead actor does with a system message that arrives after its mailbox closed.</summary>
    public static void HandleSystemMessageAfterClose(SystemMessage message, InternalActorRef dead)
    {
        if (message is Watch w && ReferenceEquals(w.Watchee, dead) && !ReferenceEquals(w.Watcher, dead))
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(dead));
        }
    }
}
