using System.Runtime.CompilerServices;
using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class MailboxTests : TestKit.TestKit
{
    public sealed record Payload(byte[] Data);

    private sealed class Acknowledger : ReceiveActor
    {
        public Acknowledger() => ReceiveAny(_ => Sender.Tell("ok"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Send(IActorRef actor, IActorRef replyTo)
    {
        var payload = new Payload(new byte[1024]);
        actor.Tell(payload, replyTo);
        return new WeakReference(payload);
    }

    [Fact]
    public async Task A_processed_message_is_not_kept_alive_by_the_mailbox()
    {
        var actor = Sys.ActorOf(Props.Create<Acknowledger>());
        var sent = new List<WeakReference>();
        for (var i = 0; i < 50; i++)
        {
            sent.Add(Send(actor, TestActor.Ref));
            await ExpectMsgAsync("ok");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.DoesNotContain(sent, w => w.IsAlive);
    }

    private sealed class Gated : ReceiveActor
    {
        public Gated(SemaphoreSlim gate, TaskCompletionSource started) => ReceiveAny(message =>
        {
            if (message is "hold")
            {
                started.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));   // a handler holding its thread, so that messages wait
            }

            Sender.Tell(message);
        });
    }

    [Fact]
    public async Task The_mailbox_counts_the_user_messages_waiting_in_it()
    {
        using var gate = new SemaphoreSlim(0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new Gated(gate, started)));
        var mailbox = ((LocalActorRef)actor).Cell.Mailbox;
        Assert.Equal(0, mailbox.UserCount);

        actor.Tell("hold", TestActor.Ref);
        await started.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 5; i++)
        {
            actor.Tell(i, TestActor.Ref);
        }

        Assert.Equal(5, mailbox.UserCount);
        gate.Release();
        await ExpectMsgAsync("hold");
        for (var i = 0; i < 5; i++)
        {
            await ExpectMsgAsync(i);
        }

        Assert.Equal(0, mailbox.UserCount);
    }

    [Fact]
    public async Task The_mailbox_is_unlinked_from_its_queue_once_the_first_message_is_taken()
    {
        var actor = Sys.ActorOf(Props.Create<Acknowledger>());
        actor.Tell("one", TestActor.Ref);
        await ExpectMsgAsync("ok");
        MailboxNode mailbox = ((LocalActorRef)actor).Cell.Mailbox;
        Assert.Null(mailbox.Next);
    }
}
