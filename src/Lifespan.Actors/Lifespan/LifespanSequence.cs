using System.Collections.Immutable;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// One command of <see cref="LifespanGuardian"/> carried out over its task actors: the startup in registration order,
/// cancelling the long-running tasks, or the teardowns. It runs outside the guardian's mailbox and talks to the task
/// actors only by messages; the guardian runs one at a time.
/// </summary>
internal sealed partial class LifespanSequence(ImmutableArray<LifespanTask> tasks, Func<LifespanTask, IActorRef> actorFor, LifespanRuntime runtime)
{
    private readonly ImmutableArray<LifespanTask> _tasks = tasks;
    private readonly LifespanRuntime _runtime = runtime;

    private IActorRef ActorFor(LifespanTask task) => actorFor(task);

    internal static DateTimeOffset Deadline(TimeSpan timeout) => DateTimeOffset.UtcNow + timeout;

    private static TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }
}
