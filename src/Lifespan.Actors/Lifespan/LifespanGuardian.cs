using System.Collections.Immutable;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// <c>/user/lifespan</c>: one <see cref="LifespanTaskActor"/> per task. Startup goes in registration order, each
/// resource's setup finishing before the next task starts, and ends early, undone, when a setup fails or the app is
/// asked to stop (see <see cref="StartAllAsync"/>); shutdown cancels long-running tasks in reverse order
/// and, later, runs the shutdown handlers in order and tears the resources down in reverse order, each teardown
/// bounded by its share of the phase (see <see cref="TearDownAsync"/>).
/// </summary>
internal sealed partial class LifespanGuardian : ReceiveActor
{
    private readonly ImmutableArray<LifespanTask> _tasks;
    private readonly LifespanRuntime _runtime;

    public LifespanGuardian(ImmutableArray<LifespanTask> tasks, LifespanRuntime runtime)
    {
        _tasks = tasks;
        _runtime = runtime;
        ReceiveAsync<StartAll>(StartAllAsync);
        ReceiveAsync<StopLongRunning>(async m => { await StopLongRunningAsync(_tasks, Deadline(m.Timeout)); Sender.Tell(new Done()); });
        ReceiveAsync<TearDownAll>(async m => { await TearDownAsync(_tasks, Deadline(m.Timeout)); Sender.Tell(new Done()); });
    }

    private IActorRef ActorFor(LifespanTask task)
    {
        var name = ActorName(task);
        return Context.Child(name) ?? Context.ActorOf(Props.Create(() => new LifespanTaskActor(task, _runtime)), name);
    }

    internal static string ActorName(LifespanTask task) =>
        $"{task.Index}-{new string(task.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray())}";

    private static DateTimeOffset Deadline(TimeSpan timeout) => DateTimeOffset.UtcNow + timeout;

    private static TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }
}
