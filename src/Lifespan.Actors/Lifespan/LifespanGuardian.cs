using System.Collections.Immutable;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// <c>/user/lifespan</c>: one <see cref="LifespanTaskActor"/> per task, spawned in registration order. It runs one
/// command at a time — start every task, cancel the long-running ones, tear down — as a <see cref="LifespanSequence"/>
/// outside its mailbox, stashing the commands that arrive meanwhile; the sequence's outcome comes back as a message,
/// so nothing waits on an <c>await</c> inside a handler of an actor that may be stopped.
/// </summary>
internal sealed class LifespanGuardian : ReceiveActor, IWithUnboundedStash
{
    private readonly ImmutableArray<LifespanTask> _tasks;
    private readonly LifespanRuntime _runtime;

    public LifespanGuardian(ImmutableArray<LifespanTask> tasks, LifespanRuntime runtime)
    {
        _tasks = tasks;
        _runtime = runtime;
        Become(Idle);
    }

    public IStash Stash { get; set; } = null!;

    private void Idle()
    {
        Receive<StartAll>(m => Run((s, _) => s.StartAllAsync(m)));
        Receive<StopLongRunning>(m => Run(async (s, tasks) => { await s.StopLongRunningAsync(tasks, LifespanSequence.Deadline(m.Timeout)).ConfigureAwait(false); return Done.Instance; }));
        Receive<TearDownAll>(m => Run(async (s, tasks) => { await s.TearDownAsync(tasks, LifespanSequence.Deadline(m.Timeout)).ConfigureAwait(false); return Done.Instance; }));
    }

    private void Busy()
    {
        Receive<SequenceEnded>(ended =>
        {
            ended.ReplyTo.Tell(ended.Reply);
            Stash.UnstashAll();
            Become(Idle);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>Spawns the task actors that do not run yet, in registration order, and runs <paramref name="sequence"/> over them.</summary>
    private void Run(Func<LifespanSequence, ImmutableArray<LifespanTask>, Task<object>> sequence)
    {
        var actors = _tasks.ToDictionary(t => t, ActorFor);
        var replyTo = Sender;
        var run = new LifespanSequence(_tasks, t => actors[t], _runtime);
        sequence(run, _tasks).PipeTo(Self, success: reply => new SequenceEnded(reply, replyTo), failure: error => new SequenceEnded(new Status.Failure(error), replyTo));
        Become(Busy);
    }

    private IActorRef ActorFor(LifespanTask task)
    {
        var name = ActorName(task);
        var runtime = _runtime;
        var child = Context.Child(name);
        return child.IsNobody() ? Context.ActorOf(Props.Create(() => new LifespanTaskActor(task, runtime)), name) : child;
    }

    internal static string ActorName(LifespanTask task) =>
        $"{task.Index}-{new string(task.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray())}";

    /// <summary>A sequence ended: <see cref="Reply"/> goes to <see cref="ReplyTo"/>, who sent the command.</summary>
    private sealed record SequenceEnded(object Reply, IActorRef ReplyTo);
}
