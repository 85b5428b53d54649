namespace Lifespan.Actors;

/// <summary>
/// Lets an actor set the current message aside and take it up again later, for example while it waits for
/// a resource. Unstashed messages go back ahead of newer ones, in the order they were stashed.
/// A restart unstashes everything for the new instance; a stop sends the stash to dead letters.
/// </summary>
public interface IStash
{
    /// <summary>The number of messages set aside.</summary>
    int Count { get; }

    /// <summary>Sets the message being processed aside.</summary>
    /// <exception cref="IllegalActorStateException">The current message was already stashed, or there is none.</exception>
    void Stash();

    /// <summary>Puts the oldest stashed message back at the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back at the front of the mailbox, oldest first.</summary>
    void UnstashAll();
}
