namespace Lifespan.Actors;

/// <summary>
/// A reference backed by a callback instead of an actor (see <see cref="ActorSystem.CreateFunctionRef"/>): it can
/// receive messages, watch actors (their <see cref="Terminated"/> comes to the callback) and be watched.
/// The callback runs on the sending thread, so it must be quick and thread-safe.
/// </summary>
public interface IFunctionRef : IActorRef
{
    /// <summary>Whether <see cref="Stop"/> was called.</summary>
    bool IsStopped { get; }

    /// <summary>Asks for one <see cref="Terminated"/> (to the callback) when <paramref name="subject"/> stops.</summary>
    void Watch(IActorRef subject);

    /// <summary>Stops watching <paramref name="subject"/>.</summary>
    void Unwatch(IActorRef subject);

    /// <summary>Stops the reference: later messages go to dead letters and its watchers get <see cref="Terminated"/>.</summary>
    void Stop();
}
