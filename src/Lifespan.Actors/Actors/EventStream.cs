namespace Lifespan.Actors;

/// <summary>
/// System-wide publish/subscribe by message type: a subscriber to a type gets every published event assignable to it.
/// Subscribers that have stopped are dropped.
/// </summary>
public sealed class EventStream
{
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Subscribes <paramref name="subscriber"/> to events of type <paramref name="channel"/> (and its subtypes).</summary>
    /// <returns><see langword="true"/> if the subscription is new.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (this)
        {
            if (Array.Exists(_subscriptions, s => s.Channel == channel && s.Subscriber.Equals(subscriber)))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            return true;
        }
    }

    /// <summary>Removes the subscription of <paramref name="subscriber"/> to <paramref name="channel"/>, or to every channel when it is <see langword="null"/>.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (this)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel)));
        }
    }

    /// <summary>Sends <paramref name="event"/> to every subscriber of a type it is assignable to.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (!channel.IsAssignableFrom(type))
            {
                continue;
            }

            if (subscriber is InternalActorRef { IsTerminated: true })
            {
                Unsubscribe(subscriber);
                continue;
            }

            subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }
}
