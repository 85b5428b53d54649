
namespace Lifespan.Actors.State;

/// <summary>
/// A session's subscribers, kept in one field of the session: the subscriber itself when there is one (the usual
/// case: one client connection), otherwise an array. Telling the only subscriber then reads no array, which at
/// thousands of sessions is a cache miss per delta saved.
/// </summary>
/// <remarks>
/// The session changes the set on its own thread; a delta from an async stream may read it from another, so the field
/// is replaced, never changed in place, and read once per broadcast.
/// </remarks>
internal struct SessionSubscribers
{
    private object? _value;   // null (none), an IActorRef (one) or an IActorRef[] (two or more)

    /// <summary>How many subscribers there are.</summary>
    public readonly int Count => _value switch
    {
        null => 0,
        IActorRef[] many => many.Length,
        _ => 1,
    };

    /// <summary>Whether <paramref name="subscriber"/> is one of them.</summary>
    public readonly bool Contains(IActorRef subscriber) => Array.IndexOf(ToArray(), subscriber) >= 0;

    /// <summary>Adds <paramref name="subscriber"/> (the caller checks it is not there yet).</summary>
    public void Add(IActorRef subscriber) =>
        Volatile.Write(ref _value, _value is null ? subscriber : (object)(IActorRef[])[.. ToArray(), subscriber]);

    /// <summary>Removes <paramref name="subscriber"/>; <see langword="false"/> when it was not there.</summary>
    public bool Remove(IActorRef subscriber)
    {
        var all = ToArray();
        var index = Array.IndexOf(all, subscriber);
        if (index < 0)
        {
            return false;
        }

        IActorRef[] rest = [.. all.Where((_, i) => i != index)];
        Volatile.Write(ref _value, rest.Length switch { 0 => null, 1 => rest[0], _ => rest });
        return true;
    }

    /// <summary>Tells every subscriber <paramref name="message"/>, from <paramref name="sender"/>.</summary>
    public readonly void Tell(object message, IActorRef sender)
    {
        switch (Volatile.Read(in _value))
        {
            case null:
                return;
            case IActorRef[] many:
                foreach (var subscriber in many)
                {
                    subscriber.Tell(message, sender);
                }

                return;
            case var one:
                ((IActorRef)one).Tell(message, sender);
                return;
        }
    }

    /// <summary>The subscribers now, in a new array or a shared one that is never changed.</summary>
    public readonly IActorRef[] ToArray() => _value switch
    {
        null => [],
        IActorRef[] many => many,
        var one => [(IActorRef)one],
    };
}
