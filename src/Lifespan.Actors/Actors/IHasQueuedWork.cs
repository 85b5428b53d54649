namespace Lifespan.Actors;

/// <summary>An actor that keeps work in queues of its own besides its mailbox, so the actor tree can show it.</summary>
internal interface IHasQueuedWork
{
    /// <summary>Items waiting in the actor's own queues; read from other threads, so an estimate.</summary>
    int QueuedWork { get; }
}
