using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Lifespan.Actors.Benchmarks.Infrastructure;

namespace Lifespan.Actors.Benchmarks.PingPong;

/// <summary>
/// Ping-pong: <see cref="Pairs"/> pairs pass one message back and forth at the same time; every invocation moves
/// <see cref="MessagesPerInvoke"/> messages in total (split evenly between the pairs), so the per-operation time is
/// the time per message and Op/s is messages per second. Baseline: the same hand-off between two tasks over two
/// bare unbounded channels.
/// </summary>
[InvocationCount(5)]   // 1M messages, about 0.15 to 0.4 s per iteration; a fixed count skips a pilot stage that noise drags out
public class PingPongBenchmarks
{
    /// <summary>Messages (one-way hand-offs) per invocation, summed over all pairs.</summary>
    public const int MessagesPerInvoke = 200_000;

    internal const int SmokeMessagesPerInvoke = 2_000;

    private ActorSystem? _system;
    private IActorRef[] _pingers = [];
    private (Channel<object> Request, Channel<object> Reply)[] _channels = [];
    private int _roundTripsPerPair;

    /// <summary>How many pairs run at once: one, and as many as the machine has cores.</summary>
    [ParamsSource(nameof(PairCounts))]
    public int Pairs { get; set; }

    public static IEnumerable<int> PairCounts => new[] { 1, Environment.ProcessorCount }.Distinct();

    [GlobalSetup]
    public void Setup()
    {
        var messages = BenchScale.Pick(MessagesPerInvoke, SmokeMessagesPerInvoke);
        _roundTripsPerPair = messages / Pairs / 2;
        _system = ActorSystem.Create("pingpong");
        _pingers = new IActorRef[Pairs];
        _channels = new (Channel<object>, Channel<object>)[Pairs];
        for (var i = 0; i < Pairs; i++)
        {
            var pong = _system.ActorOf(Props.Create(() => new PongActor()), $"pong-{i}");
            _pingers[i] = _system.ActorOf(Props.Create(() => new PingActor(pong)), $"ping-{i}");
            _channels[i] = (HandRolledActor.CreateChannel(), HandRolledActor.CreateChannel());
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_system is not null)
        {
            await _system.Terminate().WaitAsync(BenchScale.Deadline);
            _system = null;
        }

        // Drop the references so that whatever the actors retained does not weigh on the next benchmark's GCs.
        _pingers = [];
        _channels = [];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke)]
    public Task Channels()
    {
        var runs = new Task[Pairs];
        for (var i = 0; i < runs.Length; i++)
        {
            var (request, reply) = _channels[i];
            var roundTrips = _roundTripsPerPair;
            runs[i] = Task.Run(() => ChannelPingPong(request, reply, roundTrips));
        }

        return WaitAll(runs, "channel ping-pong");
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public Task Actors()
    {
        var runs = new Task[Pairs];
        for (var i = 0; i < runs.Length; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pingers[i].Tell(new Serve(_roundTripsPerPair, done));
            runs[i] = done.Task;
        }

        return WaitAll(runs, "actor ping-pong");
    }

    /// <summary>Task A writes to <paramref name="request"/>; task B reads it and writes to <paramref name="reply"/>; A reads that; and so on.</summary>
    private static async Task ChannelPingPong(Channel<object> request, Channel<object> reply, int roundTrips)
    {
        var echo = Task.Run(async () =>
        {
            var reader = request.Reader;
            var writer = reply.Writer;
            for (var i = 0; i < roundTrips; i++)
            {
                var ball = await reader.ReadAsync();
                writer.TryWrite(ball);
            }
        });

        var serve = request.Writer;
        var back = reply.Reader;
        object ball = Ball.Instance;
        for (var i = 0; i < roundTrips; i++)
        {
            serve.TryWrite(ball);
            ball = await back.ReadAsync();
        }

        await echo;
    }

    private static async Task WaitAll(Task[] runs, string what)
    {
        try
        {
            await Task.WhenAll(runs).WaitAsync(BenchScale.Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{what} did not finish within {BenchScale.Deadline}.", ex);
        }
    }
}
