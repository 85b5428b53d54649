using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class AsyncHandlerTests : TestKit.TestKit
{
    public sealed record Start(TaskCompletionSource Gate);

    private sealed class Sequential : ReceiveActor
    {
        public Sequential(IActorRef probe)
        {
            ReceiveAsync<Start>(async s =>
            {
                probe.Tell("begin");
                await s.Gate.Task;
                probe.Tell("end");
            });
            Receive<string>(m => probe.Tell(m));
        }
    }

    [Fact]
    public async Task An_async_handler_holds_back_the_next_message_until_it_completes()
    {
        var actor = Sys.ActorOf(Props.Create<Sequential>(TestActor.Ref));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new Start(gate));
        actor.Tell("next");
        await ExpectMsgAsync("begin");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        gate.SetResult();
        await ExpectMsgAsync("end");
        await ExpectMsgAsync("next");
    }

    private sealed class Cancellable : ReceiveActor
    {
        public Cancellable(IActorRef probe)
        {
            ReceiveAsync<string>(async (_, ct) =>
            {
                try
                {
                    probe.Tell("waiting");
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    probe.Tell("cancelled");
                    throw;
                }
                finally
                {
                    probe.Tell("finally");
                }
            });
        }
    }

    private sealed class StopReporter : ReceiveActor
    {
        public StopReporter(IActorRef probe)
        {
            ReceiveAsync<string>(async (_, ct) =>
            {
                await using (new Disposer(probe))
                {
                    probe.Tell("waiting");
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
                }
            });
            _probe = probe;
        }

        private readonly IActorRef _probe;

        protected override void PostStop() => _probe.Tell("poststop");

        private sealed class Disposer(IActorRef probe) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                probe.Tell("disposed");
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public async Task Stopping_during_an_await_cancels_the_token_and_still_runs_finally_blocks()
    {
        var actor = Sys.ActorOf(Props.Create<Cancellable>(TestActor.Ref));
        actor.Tell("go");
        await ExpectMsgAsync("waiting");
        await WatchAsync(actor);
        Sys.Stop(actor);
        await ExpectMsgAsync("cancelled");
        await ExpectMsgAsync("finally");
        await ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task PostStop_runs_after_the_cancelled_handler_has_finished_its_using_blocks()
    {
        var actor = Sys.ActorOf(Props.Create<StopReporter>(TestActor.Ref));
        actor.Tell("go");
        await ExpectMsgAsync("waiting");
        await WatchAsync(actor);
        Sys.Stop(actor);
        await ExpectMsgAsync("disposed");
        await ExpectMsgAsync("poststop");
        await ExpectTerminatedAsync(actor);
    }

    private sealed class Stubborn : ReceiveActor
    {
        public Stubborn(IActorRef probe, TaskCompletionSource release)
        {
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("stuck");
                await release.Task;   // ignores cancellation
                probe.Tell("released");
            });
        }
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_does_not_block_stop_past_the_timeout()
    {
        await using var system = ActorSystem.Create("stubborn", new ActorSystemOptions { HandlerStopTimeout = TimeSpan.FromMilliseconds(200) });
        var probe = CreateTestProbe();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create<Stubborn>(probe.Ref, release));
        actor.Tell("go");
        await probe.ExpectMsgAsync("stuck");
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(actor);
        system.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor);
        release.SetResult();
        await probe.ExpectMsgAsync("released");   // the continuation was not abandoned
    }

    public sealed record WhoAmI(bool ConfigureAwaitFalse);

    public sealed record Identity(IActorRef Self, IActorRef Sender, IActorRef ContextSelf, IActorRef ContextSender);

    private sealed class ContextKeeper : ReceiveActor
    {
        public ContextKeeper()
        {
            ReceiveAsync<WhoAmI>(async m =>
            {
                if (m.ConfigureAwaitFalse)
                {
                    await Task.Delay(20).ConfigureAwait(false);
                    await Task.Yield();
                }
                else
                {
                    await Task.Delay(20);
                }

                Sender.Tell(new Identity(Self, Sender, Context.Self, Context.Sender));
            });
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Self_Sender_and_Context_stay_right_after_an_await(bool configureAwaitFalse)
    {
        var actor = Sys.ActorOf(Props.Create<ContextKeeper>(), "keeper");
        actor.Tell(new WhoAmI(configureAwaitFalse), TestActor.Ref);
        var identity = await ExpectMsgAsync<Identity>();
        Assert.Equal(actor, identity.Self);
        Assert.Equal(actor, identity.ContextSelf);
        Assert.Equal(TestActor.Ref, identity.Sender);
        Assert.Equal(TestActor.Ref, identity.ContextSender);
        Assert.Equal(actor, TestActor.Sender);   // the reply's implicit sender is the actor
    }

    private sealed class ImplicitSender : ReceiveActor
    {
        public ImplicitSender(IActorRef target)
        {
            ReceiveAsync<bool>(async configureAwaitFalse =>
            {
                await Task.Delay(10).ConfigureAwait(!configureAwaitFalse);
                target.Tell("after await");   // no explicit sender
            });
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Tell_after_an_await_carries_the_actor_as_implicit_sender(bool configureAwaitFalse)
    {
        var actor = Sys.ActorOf(Props.Create<ImplicitSender>(TestActor.Ref));
        actor.Tell(configureAwaitFalse);
        await ExpectMsgAsync("after await");
        Assert.Equal(actor, TestActor.Sender);
    }

    private sealed class FaultingAsync : ReceiveActor
    {
        private int _count;

        public FaultingAsync()
        {
            ReceiveAsync<string>(async s =>
            {
                await Task.Yield();
                if (s == "fault")
                {
                    throw new InvalidOperationException("async boom");
                }

                Sender.Tell(++_count);
            });
        }
    }

    [Fact]
    public async Task A_faulted_async_handler_fails_the_actor_like_a_throw()
    {
        var actor = Sys.ActorOf(Props.Create<FaultingAsync>());
        actor.Tell("a", TestActor.Ref);
        await ExpectMsgAsync(1);
        actor.Tell("fault", TestActor.Ref);
        actor.Tell("b", TestActor.Ref);
        await ExpectMsgAsync(1);   // restarted: a fresh instance counts from zero
    }
}
