using Lifespan.Actors.TestKit;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Actors;

public sealed class DeadLetterTests : TestKit.TestKit
{
    [Fact]
    public async Task Messages_to_a_stopped_actor_become_counted_dead_letters_without_exceptions()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "stopped");
        await WatchAsync(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);
        var before = Sys.DeadLetterCount;

        actor.Tell("lost", TestActor.Ref);
        var letter = await ExpectMsgAsync<DeadLetter>();
        Assert.Equal("lost", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(TestActor.Ref, letter.Sender);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Telling_DeadLetters_directly_counts_and_publishes()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        Sys.DeadLetters.Tell("orphan");
        var letter = await ExpectMsgAsync<DeadLetter>();
        Assert.Equal("orphan", letter.Message);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public async Task Logging_is_one_line_each_for_the_first_few_then_rate_limited()
    {
        var log = new CapturingLoggerProvider();
        await using var system = ActorSystem.Create("dead", new ActorSystemOptions
        {
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(log)),
            DeadLetterLogLimit = 3,
            DeadLetterLogInterval = TimeSpan.FromHours(1),
        });
        for (var i = 0; i < 100; i++)
        {
            system.DeadLetters.Tell(i);
        }

        Assert.Equal(100, system.DeadLetterCount);
        Assert.Equal(3, log.Lines.Count(l => l.StartsWith("Dead letter:", StringComparison.Ordinal)));
        var summaries = log.Lines.Where(l => l.Contains("more dead letters were not logged", StringComparison.Ordinal)).ToList();
        Assert.Single(summaries);
    }
}
