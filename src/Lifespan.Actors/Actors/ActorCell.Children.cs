namespace Lifespan.Actors;

/// <summary>Creating, finding and stopping children.</summary>
internal sealed partial class ActorCell
{
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        return CreateChild(props, name, allowReserved: false).SelfRef;
    }

    /// <summary>Creates and starts a child cell; safe to call from any thread.</summary>
    internal ActorCell CreateChild(Props props, string? name, bool allowReserved)
    {
        ActorCell child;
        lock (this)
        {
            if (name is null)
            {
                name = ActorName.Generate(++Extras.ChildNameCounter);
            }
            else
            {
                ActorName.Validate(name, Path, allowReserved);
            }

            _children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException(
                    $"Actor name '{name}' is not unique: {Path.Child(name)} already exists or is still stopping. " +
                    "Choose another name, or wait for the existing actor's Terminated before reusing the name.");
            }

            child = new ActorCell(System, props, SelfRef, name);
            _children.Add(name, child);
        }

        child.Start();
        if (_state >= StateTerminating)
        {
            child.SelfRef.SendSystemMessage(new Terminate());
        }

        return child;
    }

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ChildCell(name)?.SelfRef;
    }

    /// <summary>The child cell named <paramref name="name"/>, for walks of the tree.</summary>
    internal ActorCell? ChildCell(string name)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(name, out var child) ? child : null;
        }
    }

    /// <summary>A copy of the child cells, for walks of the tree.</summary>
    internal ActorCell[] ChildCells()
    {
        lock (this)
        {
            return _children is null ? [] : [.. _children.Values];
        }
    }

    public IReadOnlyCollection<IActorRef> Children
    {
        get
        {
            lock (this)
            {
                return _children is null ? [] : _children.Values.Select(c => (IActorRef)c.SelfRef).ToArray();
            }
        }
    }

    private int ChildCount
    {
        get
        {
            lock (this)
            {
                return _children?.Count ?? 0;
            }
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not InternalActorRef target)
        {
            throw new NotSupportedException($"Cannot stop {actor.Path}: it is not an actor of this kernel.");
        }

        if (target is LocalActorRef local && ReferenceEquals(local.Cell.ParentRef, SelfRef))
        {
            lock (this)
            {
                (Extras.StoppingChildren ??= []).Add(local.Cell);
            }
        }

        target.SendSystemMessage(new Terminate());
    }

    private void StopAllChildren()
    {
        ActorCell[] children;
        lock (this)
        {
            if (_children is null || _children.Count == 0)
            {
                return;
            }

            children = [.. _children.Values];
            Extras.StoppingChildren ??= [];
            foreach (var c in children)
            {
                _extras!.StoppingChildren!.Add(c);
            }
        }

        foreach (var child in children)
        {
            child.SelfRef.SendSystemMessage(new Terminate());
        }
    }

    private void HandleChildTerminated(ActorCell child)
    {
        lock (this)
        {
            if (_children is not null && _children.TryGetValue(child.Name, out var current) && ReferenceEquals(current, child))
            {
                _children.Remove(child.Name);
                if (_children.Count == 0)
                {
                    _children = null;   // give back the table a burst of children grew
                }
            }

            _extras?.StoppingChildren?.Remove(child);
        }

        if (_state == StateTerminating)
        {
            TryFinishTerminate();
        }
        else if (_state == StateRecreating)
        {
            TryFinishRecreate();
        }
    }

    private bool IsChild(ActorCell cell)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(cell.Name, out var c) && ReferenceEquals(c, cell);
        }
    }
}
