using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Lifespan.Actors.Benchmarks.Infrastructure;

namespace Lifespan.Actors.Benchmarks.Spawn;

/// <summary>
/// Spawn and stop <see cref="ActorsPerInvoke"/> actors, waiting until every one has run <c>PostStop</c>; Op/s is
/// actors per second. Baseline: as many hand-rolled actors (an unbounded channel each, with a reader task started on
/// the pool and then completed). <see cref="ChannelsInline"/> is the leaner variant without the pool hop at start.
/// </summary>
[InvocationCount(1)]   // one invocation is already 100k actors
public class SpawnStopBenchmarks
{
    public const int ActorsPerInvoke = 100_000;

    internal const int SmokeActorsPerInvoke = 1_000;

    private readonly Countdown _stopped = new();
    private ActorSystem? _system;
    private Props? _props;
    private IActorRef[] _actors = [];
    private Channel<object>[] _channels = [];
    private int _count;

    [GlobalSetup]
    public void Setup()
    {
        _count = BenchScale.Pick(ActorsPerInvoke, SmokeActorsPerInvoke);
        _system = ActorSystem.Create("spawn");
        _props = Props.Create(() => new IdleActor(null, _stopped));
        _actors = new IActorRef[_count];
        _channels = new Channel<object>[_count];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_system is not null)
        {
            await _system.Terminate().WaitAsync(BenchScale.Deadline);
            _system = null;
        }

        _actors = [];
        _channels = [];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ActorsPerInvoke)]
    public async Task Channels()
    {
        _stopped.Reset(_count);
        var channels = _channels;
        for (var i = 0; i < channels.Length; i++)
        {
            var channel = HandRolledActor.CreateChannel();
            channels[i] = channel;
            _ = HandRolledActor.Start(channel.Reader, null, _stopped);
        }

        for (var i = 0; i < channels.Length; i++)
        {
            channels[i].Writer.Complete();
        }

        await _stopped.WaitAsync("stopping hand-rolled actors");
        Array.Clear(channels);
    }

    /// <summary>For reference: the same, with each reader's async method called directly instead of through Task.Run.</summary>
    [Benchmark(OperationsPerInvoke = ActorsPerInvoke)]
    public async Task ChannelsInline()
    {
        _stopped.Reset(_count);
        var channels = _channels;
        for (var i = 0; i < channels.Length; i++)
        {
            var channel = HandRolledActor.CreateChannel();
            channels[i] = channel;
            _ = HandRolledActor.StartInline(channel.Reader, null, _stopped);
        }

        for (var i = 0; i < channels.Length; i++)
        {
            channels[i].Writer.Complete();
        }

        await _stopped.WaitAsync("stopping hand-rolled actors");
        Array.Clear(channels);
    }

    [Benchmark(OperationsPerInvoke = ActorsPerInvoke)]
    public async Task Actors()
    {
        _stopped.Reset(_count);
        var system = _system!;
        var actors = _actors;
        for (var i = 0; i < actors.Length; i++)
        {
            actors[i] = system.ActorOf(_props!);
        }

        for (var i = 0; i < actors.Length; i++)
        {
            system.Stop(actors[i]);
        }

        await _stopped.WaitAsync("stopping actors");
        Array.Clear(actors);
    }
}
