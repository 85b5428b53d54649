using System.Runtime.CompilerServices;
using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

/// <summary>An actor that failed and waits for its supervisor's decision.</summary>
public sealed class FailedActorTests : TestKit.TestKit
{
    /// <summary>Fails on any string, telling <c>failing</c> first.</summary>
    private sealed class FailingChild : ReceiveActor
    {
        public FailingChild(TaskCompletionSource failing) =>
            Receive<string>(_ =>
            {
                failing.TrySetResult();
                throw new InvalidOperationException("child failed");
            });
    }

    /// <summary>On "fail", makes its child fail and then fails itself; escalates its child's failures.</summary>
    private sealed class FailingParent : ReceiveActor
    {
        private readonly IActorRef _probe;

        public FailingParent(IActorRef probe, TaskCompletionSource childFailing)
        {
            _probe = probe;
            var child = Context.ActorOf(Props.Create<FailingChild>(childFailing), "child");
            Receive<string>(s => s == "fail", _ =>
            {
                child.Tell("go");
                childFailing.Task.Wait();   // the child's failure reaches this actor once it has failed itself
                throw new InvalidOperationException("parent failed");
            });
            probe.Tell("parent started");
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            new OneForOneStrategy(_ => { _probe.Tell("parent escalates"); return Directive.Escalate; });
    }

    /// <summary>Restarts its child, counting its decisions; the first one waits for <c>gate</c>.</summary>
    private sealed class CountingGrandparent : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public CountingGrandparent(IActorRef probe, Task gate, StrongBox<int> decisions)
        {
            Context.ActorOf(Props.Create<FailingParent>(probe, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)), "parent");
            _strategy = new OneForOneStrategy(_ =>
            {
                Interlocked.Increment(ref decisions.Value);
                probe.Tell("deciding");
                gate.Wait();
                return Directive.Restart;
            });
            Receive<string>(s => s == "parent", _ => Sender.Tell(Context.Child("parent")!));
            Receive<string>(s => s == "decisions", _ => Sender.Tell(Volatile.Read(ref decisions.Value)));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    [Fact]
    public async Task A_failed_actor_reports_no_second_failure_so_its_supervisor_decides_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var decisions = new StrongBox<int>();
        var grandparent = Sys.ActorOf(Props.Create<CountingGrandparent>(TestActor.Ref, gate.Task, decisions));
        await ExpectMsgAsync("parent started");
        var parent = await grandparent.Ask<IActorRef>("parent", TimeSpan.FromSeconds(3));

        parent.Tell("fail");   // the parent fails; while it waits, it escalates its child's failure
        var events = await ReceiveNAsync(2);
        Assert.Equal(["deciding", "parent escalates"], events.Cast<string>().Order(StringComparer.Ordinal));
        gate.SetResult();
        await ExpectMsgAsync("parent started");   // restarted, after it handled its child's failure

        Assert.Equal(1, await grandparent.Ask<int>("decisions", TimeSpan.FromSeconds(3)));
    }
}
