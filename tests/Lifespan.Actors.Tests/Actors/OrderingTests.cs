using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class OrderingTests : TestKit.TestKit
{
    public sealed record Numbered(int Sender, int Sequence);

    /// <summary>Checks that each sender's sequence numbers arrive in order, and reports the totals.</summary>
    private sealed class SequenceChecker : ReceiveActor
    {
        public SequenceChecker(IActorRef probe, int senders, int perSender)
        {
            var next = new int[senders];
            var total = 0;
            Receive<Numbered>(n =>
            {
                if (n.Sequence != next[n.Sender])
                {
                    probe.Tell($"out of order: sender {n.Sender} sent {n.Sequence}, expected {next[n.Sender]}");
                }

                next[n.Sender] = n.Sequence + 1;
                if (++total == senders * perSender)
                {
                    probe.Tell(total);
                }
            });
        }
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_sent()
    {
        var checker = Sys.ActorOf(Props.Create<SequenceChecker>(TestActor.Ref, 1, 10_000));
        for (var i = 0; i < 10_000; i++)
        {
            checker.Tell(new Numbered(0, i));
        }

        await ExpectMsgAsync(10_000, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Tell_is_safe_from_many_threads_at_once()
    {
        const int senders = 8, perSender = 5_000;
        var checker = Sys.ActorOf(Props.Create<SequenceChecker>(TestActor.Ref, senders, perSender));
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                checker.Tell(new Numbered(s, i));
            }
        })));
        await ExpectMsgAsync(senders * perSender, TimeSpan.FromSeconds(30));
    }

    private sealed class Gated : ReceiveActor
    {
        public Gated(IActorRef probe, int expected)
        {
            var seen = 0;
            ReceiveAsync<TaskCompletionSource>(gate => gate.Task);
            Receive<int>(_ =>
            {
                if (++seen == expected)
                {
                    probe.Tell("done");
                }
            });
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    public async Task A_run_processes_at_most_throughput_messages(int throughput)
    {
        await using var system = ActorSystem.Create("fair", new ActorSystemOptions { Throughput = throughput });
        var probe = CreateTestProbe();
        var actor = system.ActorOf(Props.Create<Gated>(probe.Ref, 300));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(gate);                       // holds the mailbox while the rest queue up
        for (var i = 0; i < 300; i++)
        {
            actor.Tell(i);
        }

        var mailbox = ((LocalActorRef)actor).Cell.Mailbox;
        var runsBefore = mailbox.Runs;
        gate.SetResult();
        await probe.ExpectMsgAsync("done");
        Assert.True(mailbox.Runs - runsBefore >= 300 / throughput, $"{mailbox.Runs - runsBefore} runs for 300 messages at throughput {throughput}");
    }
}
