namespace Lifespan.Actors;

/// <summary>The stash: kept by the cell, so it survives a restart of the actor instance.</summary>
internal sealed partial class ActorCell
{
    int IStash.Count => _extras?.Stash?.Count ?? 0;

    void IStash.Stash()
    {
        var message = _currentMessage ?? throw new IllegalActorStateException(
            $"Actor {Path} called Stash() outside of a message handler; there is no current message to stash.");
        if (_currentStashed)
        {
            throw new IllegalActorStateException(
                $"Actor {Path} tried to stash the same {message.GetType().Name} message twice; stash each message at most once.");
        }

        _currentStashed = true;
        (Extras.Stash ??= []).Add(new Envelope(message, _currentSender));
    }

    void IStash.Unstash()
    {
        if (_extras?.Stash is not { Count: > 0 } stash)
        {
            return;
        }

        var first = stash[0];
        stash.RemoveAt(0);
        (_extras.Unstashed ??= new LinkedList<Envelope>()).AddFirst(first);
        UnstashedChanged();
    }

    void IStash.UnstashAll() => UnstashAllInto(front: true);

    /// <summary>Moves the whole stash into the unstashed queue, at its front (oldest first) or its back.</summary>
    private void UnstashAllInto(bool front)
    {
        if (_extras?.Stash is not { Count: > 0 } stash)
        {
            return;
        }

        var unstashed = _extras.Unstashed ??= new LinkedList<Envelope>();
        if (front)
        {
            for (var i = stash.Count - 1; i >= 0; i--)
            {
                unstashed.AddFirst(stash[i]);
            }
        }
        else
        {
            foreach (var e in stash)
            {
                unstashed.AddLast(e);
            }
        }

        stash.Clear();
        UnstashedChanged();
    }

    /// <summary>Brings <see cref="HasUnstashed"/> up to date after the unstashed queue changed.</summary>
    private void UnstashedChanged() => _hasUnstashed = _extras?.Unstashed is { Count: > 0 };
}
