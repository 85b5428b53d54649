namespace Lifespan.Actors.Tests;

/// <summary>The README's examples, compiled and run.</summary>
public sealed class ReadmeTests : TestKit
{
    public sealed record Deposit(decimal Amount);

    public sealed record GetBalance;

    public sealed class Account : ReceiveActor
    {
        private decimal _balance;

        public Account()
        {
            Receive<Deposit>(d => d.Amount > 0, d => _balance += d.Amount);
            Receive<Deposit>(d => Sender.Tell(new Status.Failure(new ArgumentException("amount must be positive"))));
            Receive<GetBalance>(_ => Sender.Tell(_balance));
            ReceiveAsync<string>(async text =>
            {
                await Task.Delay(100);
                Sender.Tell(text.ToUpperInvariant());
            });
            ReceiveAny(m => Sender.Tell(new Status.Failure(new NotSupportedException($"Account cannot handle {m}"))));
        }
    }

    [Fact]
    public async Task The_account_example_works_as_described()
    {
        var account = Sys.ActorOf(Props.Create<Account>(), "alice");
        Assert.Equal("/user/alice", account.Path.ToStringWithoutAddress());
        account.Tell(new Deposit(10));
        Assert.Equal(10m, await account.Ask<decimal>(new GetBalance(), TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ArgumentException>(() => account.Ask<decimal>(new Deposit(-1), TimeSpan.FromSeconds(5)));
        Assert.Equal("HI", await account.Ask<string>("hi", TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<NotSupportedException>(() => account.Ask<object>(42, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Deposits_add_up()
    {
        var account = Sys.ActorOf(Props.Create<Account>());
        account.Tell(new Deposit(5));
        account.Tell(new GetBalance(), TestActor);
        await ExpectMsgAsync(5m);

        var probe = CreateTestProbe();
        await probe.WatchAsync(account);
        account.Tell(PoisonPill.Instance);
        await probe.ExpectTerminatedAsync(account);
    }

    [Fact]
    public void The_supervision_example_decides_as_described()
    {
        var strategy = new OneForOneStrategy(3, TimeSpan.FromMinutes(1), ex => ex switch
        {
            ArgumentException => Directive.Resume,
            TimeoutException => Directive.Restart,
            _ => Directive.Escalate,
        });
        Assert.Equal(Directive.Resume, strategy.Decider.Decide(new ArgumentException()));
        Assert.Equal(Directive.Restart, strategy.Decider.Decide(new TimeoutException()));
        Assert.Equal(Directive.Escalate, strategy.Decider.Decide(new IOException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider.Decide(new ActorKilledException("k")));
    }
}
