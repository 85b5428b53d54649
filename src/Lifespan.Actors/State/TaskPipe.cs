
namespace Lifespan.Actors;

/// <summary>
/// Turns the end of a task, whatever its outcome, into one message to an actor, so that the outcome is handled on the
/// actor's own turn (Akka's <c>PipeTo</c> maps success and failure apart; these actors match on the task itself).
/// </summary>
internal static class TaskPipe
{
    /// <summary>When <paramref name="task"/> ends, tells <paramref name="target"/> the message <paramref name="toMessage"/> makes of it.</summary>
    public static void PipeOutcomeTo<T>(this T task, IActorRef target, Func<T, object> toMessage) where T : Task =>
        task.ContinueWith(t => target.Tell(toMessage((T)t), target), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Why an ended task did not succeed: its exception, an <see cref="OperationCanceledException"/>, or <see langword="null"/>.</summary>
    public static Exception? ErrorOf(Task task) =>
        task.Exception?.InnerException ?? (task.IsCanceled ? new OperationCanceledException() : null);
}
