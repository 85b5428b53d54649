namespace Lifespan.Actors;

/// <summary>Turns the end of a task into a message to an actor, so that its outcome is handled on the actor's own turn.</summary>
internal static class TaskPipe
{
    /// <summary>When <paramref name="task"/> ends, tells <paramref name="target"/> the message <paramref name="toMessage"/> makes of it.</summary>
    public static void PipeTo<T>(this T task, IActorRef target, Func<T, object> toMessage) where T : Task =>
        task.ContinueWith(t => target.Tell(toMessage((T)t), target), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Why an ended task did not succeed: its exception, an <see cref="OperationCanceledException"/>, or <see langword="null"/>.</summary>
    public static Exception? ErrorOf(Task task) =>
        task.Exception?.InnerException ?? (task.IsCanceled ? new OperationCanceledException() : null);
}
