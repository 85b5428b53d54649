using System.Globalization;
using System.Threading.Channels;
using Lifespan.Actors.Benchmarks.Infrastructure;

namespace Lifespan.Actors.Benchmarks.Modes;

/// <summary>
/// Memory retained per idle actor: <see cref="GC.GetTotalMemory(bool)"/> (after a full collection) before and after
/// starting N idle actors, divided by N; the same for hand-rolled actors (channel + reader task) as the baseline.
/// The arrays that keep the subjects reachable are allocated before the first reading, so they are not counted.
/// </summary>
internal static class MemoryMode
{
    public const int DefaultCount = 100_000;
    public const double TargetBytesPerActor = 500;

    public static async Task<bool> RunAsync(int count)
    {
        Console.WriteLine($"## Memory retained per idle actor ({count:N0} alive at once)");
        Console.WriteLine();

        // Warm up every code path once so that type loading and JIT data are not counted.
        await MeasureChannelsAsync(Math.Min(count, 1_000), inline: false);
        await MeasureChannelsAsync(Math.Min(count, 1_000), inline: true);
        await MeasureActorsAsync(Math.Min(count, 1_000));

        var handRolled = await MeasureChannelsAsync(count, inline: false);
        var inline = await MeasureChannelsAsync(count, inline: true);
        var actors = await MeasureActorsAsync(count);

        var ratio = actors.BytesPerItem / handRolled.BytesPerItem;
        var met = actors.BytesPerItem <= TargetBytesPerActor;
        Console.WriteLine("| Subject | Alive | Retained bytes | Bytes per item | Ratio to baseline | Left after stop (bytes per item) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("Channel + reader task via Task.Run (baseline)", handRolled, 1.0);
        Row("Channel + reader async method called directly", inline, inline.BytesPerItem / handRolled.BytesPerItem);
        Row("Idle actor (ReceiveActor, one handler)", actors, ratio);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target: at most {TargetBytesPerActor:0} bytes per idle actor. Measured {actors.BytesPerItem:0.0}: {(met ? "met" : "NOT met")}."));
        Console.WriteLine();

        // Leak check: memory still reachable after messages have been delivered and processed (expected: 0).
        var messages = count * 10;
        await MeasureDeliveredAsync(Math.Min(messages, 1_000), actor: false);
        await MeasureDeliveredAsync(Math.Min(messages, 1_000), actor: true);
        var channelRetained = await MeasureDeliveredAsync(messages, actor: false);
        var actorRetained = await MeasureDeliveredAsync(messages, actor: true);
        Console.WriteLine($"### Memory still reachable after {messages:N0} messages were delivered to one live receiver (expected: close to 0)");
        Console.WriteLine();
        Console.WriteLine("| Receiver | Messages processed | Retained bytes | Bytes per message |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Channel + reader task (baseline) | {messages:N0} | {channelRetained:N0} | {(double)channelRetained / messages:0.0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Actor | {messages:N0} | {actorRetained:N0} | {(double)actorRetained / messages:0.0} |"));
        Console.WriteLine();
        return met;

        void Row(string name, Measurement m, double r) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {m.Count:N0} | {m.RetainedBytes:N0} | {m.BytesPerItem:0.0} | {r:0.00}x | {m.LeftAfterStopPerItem:0.0} |"));
    }

    private static async Task<Measurement> MeasureChannelsAsync(int count, bool inline)
    {
        var started = new Countdown();
        var stopped = new Countdown();
        var channels = new Channel<object>[count];
        var readers = new Task[count];
        started.Reset(count);
        stopped.Reset(count);

        var before = Settle();
        for (var i = 0; i < count; i++)
        {
            var channel = HandRolledActor.CreateChannel();
            channels[i] = channel;
            readers[i] = inline ? HandRolledActor.StartInline(channel.Reader, started, stopped) : HandRolledActor.Start(channel.Reader, started, stopped);
        }

        await started.WaitAsync("starting hand-rolled actors");
        await Task.Delay(50);   // let the last readers park on WaitToReadAsync
        var alive = Settle();
        GC.KeepAlive(channels);
        GC.KeepAlive(readers);

        foreach (var channel in channels)
        {
            channel.Writer.Complete();
        }

        await stopped.WaitAsync("stopping hand-rolled actors");
        await Task.WhenAll(readers).WaitAsync(BenchScale.Deadline);
        Array.Clear(channels);
        Array.Clear(readers);
        var after = Settle();
        GC.KeepAlive(channels);
        GC.KeepAlive(readers);
        return new Measurement(count, alive - before, after - before);
    }

    private static async Task<Measurement> MeasureActorsAsync(int count)
    {
        var started = new Countdown();
        var stopped = new Countdown();
        var actors = new IActorRef[count];
        started.Reset(count);
        stopped.Reset(count);
        var system = ActorSystem.Create("memory");
        try
        {
            // The guardian and a first actor exist before the first reading.
            var warm = new Countdown();
            warm.Reset(1);
            system.ActorOf(Props.Create(() => new IdleActor(warm, null)));
            await warm.WaitAsync("starting the first actor");

            var props = Props.Create(() => new IdleActor(started, stopped));

            var before = Settle();
            for (var i = 0; i < count; i++)
            {
                actors[i] = system.ActorOf(props);
            }

            await started.WaitAsync("starting actors");
            await Task.Delay(50);   // let the last mailbox runs finish
            var alive = Settle();
            GC.KeepAlive(actors);

            foreach (var actor in actors)
            {
                system.Stop(actor);
            }

            await stopped.WaitAsync("stopping actors");
            await Task.Delay(50);   // let the guardian process the last child notifications
            Array.Clear(actors);
            var after = Settle();
            GC.KeepAlive(actors);
            return new Measurement(count, alive - before, after - before);
        }
        finally
        {
            await system.Terminate().WaitAsync(BenchScale.Deadline);
        }
    }

    /// <summary>Bytes still reachable after <paramref name="messages"/> messages went through one receiver that stays alive.</summary>
    private static async Task<long> MeasureDeliveredAsync(int messages, bool actor)
    {
        var processed = new Countdown();
        var message = new object();
        if (!actor)
        {
            var channel = HandRolledActor.CreateChannel();
            var reader = Task.Run(async () =>
            {
                while (await channel.Reader.WaitToReadAsync())
                {
                    while (channel.Reader.TryRead(out _))
                    {
                        processed.Signal();
                    }
                }
            });

            processed.Reset(1);
            channel.Writer.TryWrite(message);
            await processed.WaitAsync("warming the channel");
            processed.Reset(messages);
            var before = Settle();
            for (var i = 0; i < messages; i++)
            {
                channel.Writer.TryWrite(message);
            }

            await processed.WaitAsync("delivering to the channel");
            await Task.Delay(50);
            var after = Settle();
            channel.Writer.Complete();
            await reader.WaitAsync(BenchScale.Deadline);
            return after - before;
        }

        var system = ActorSystem.Create("delivered");
        try
        {
            var sink = system.ActorOf(Props.Create(() => new CountingActor(processed)));
            processed.Reset(1);
            sink.Tell(message);
            await processed.WaitAsync("warming the actor");
            processed.Reset(messages);
            var before = Settle();
            for (var i = 0; i < messages; i++)
            {
                sink.Tell(message);
            }

            await processed.WaitAsync("delivering to the actor");
            await Task.Delay(50);
            var after = Settle();
            GC.KeepAlive(sink);
            return after - before;
        }
        finally
        {
            await system.Terminate().WaitAsync(BenchScale.Deadline);
        }
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private readonly record struct Measurement(int Count, long RetainedBytes, long LeftAfterStopBytes)
    {
        public double BytesPerItem => (double)RetainedBytes / Count;

        public double LeftAfterStopPerItem => (double)LeftAfterStopBytes / Count;
    }
}

/// <summary>Counts every message it processes.</summary>
internal sealed class CountingActor : ReceiveActor
{
    public CountingActor(Countdown processed) => ReceiveAny(_ => processed.Signal());
}
