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
        try
        {
            var events = await ReceiveNAsync(2);
            Assert.Equal(["deciding", "parent escalates"], events.Cast<string>().Order(StringComparer.Ordinal));
        }
        finally
        {
            gate.SetResult();
        }

        await ExpectMsgAsync("parent started");   // restarted, after it handled its child's failure

        Assert.Equal(1, await grandparent.Ask<int>("decisions", TimeSpan.FromSeconds(3)));
    }

    /// <summary>Reports the strings it gets, with its name.</summary>
    private sealed class Reporter : ReceiveActor
    {
        public Reporter(IActorRef probe) => Receive<string>(s => probe.Tell($"{Context.Self.Path.Name} got {s}"));
    }

    /// <summary>Has a child that reports; answers "child" with it, fails on "fail".</summary>
    private sealed class Family : ReceiveActor
    {
        public Family(IActorRef probe)
        {
            var child = Context.ActorOf(Props.Create<Reporter>(probe), "child");
            Receive<string>(s => s == "child", _ => Sender.Tell(child));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("parent failed"));
        }
    }

    /// <summary>Supervises a <see cref="Family"/>; tells the probe "deciding", waits for <c>gate</c>, then applies <c>directive</c>.</summary>
    private sealed class SlowDecider : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public SlowDecider(IActorRef probe, Task gate, Directive directive)
        {
            var parent = Context.ActorOf(Props.Create<Family>(probe), "parent");
            _strategy = new OneForOneStrategy(_ =>
            {
                probe.Tell("deciding");
                gate.Wait();
                return directive;
            });
            Receive<string>(s => s == "parent", _ => Sender.Tell(parent));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    [Fact]
    public async Task The_children_of_a_failed_actor_wait_with_it_and_go_on_when_it_is_resumed()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var supervisor = Sys.ActorOf(Props.Create<SlowDecider>(TestActor.Ref, gate.Task, Directive.Resume));
        var parent = await supervisor.Ask<IActorRef>("parent", TimeSpan.FromSeconds(3));
        var child = await parent.Ask<IActorRef>("child", TimeSpan.FromSeconds(3));

        parent.Tell("fail");
        try
        {
            await ExpectMsgAsync("deciding");
            child.Tell("hello");
            await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));   // suspended while its parent waits for a decision
        }
        finally
        {
            gate.SetResult();
        }

        await ExpectMsgAsync("child got hello");
    }
}
