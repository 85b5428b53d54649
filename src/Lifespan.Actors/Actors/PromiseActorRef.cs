namespace Lifespan.Actors;

/// <summary>The one-shot sender of an Ask: the first reply completes it.</summary>
internal sealed class PromiseActorRef(IActorRef target, object question) : InternalActorRef
{
    private static long s_counter;
    private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActorPath? _path;

    public Task<object> Reply => _reply.Task;

    public override ActorPath Path => _path ??= target.Path.Child("$ask" + ActorName.Generate(Interlocked.Increment(ref s_counter))[1..]);

    public override bool IsTerminated => _reply.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _reply.TrySetResult(message);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w && IsTerminated)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }

    /// <summary>The question went to dead letters: fail at once instead of waiting for the timeout.</summary>
    public void TargetTerminated(IActorRef recipient, object message)
    {
        if (ReferenceEquals(message, question))
        {
            _reply.TrySetException(new AskTargetTerminatedException(
                $"Ask to {recipient.Path} with {question.GetType().Name} cannot be answered: the actor has stopped and the message went to dead letters."));
        }
    }
}
