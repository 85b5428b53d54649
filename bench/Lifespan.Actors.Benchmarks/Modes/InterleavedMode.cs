using System.Diagnostics;
using System.Globalization;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Benchmarks.PingPong;
using Lifespan.Actors.Benchmarks.Sessions;
using Lifespan.Actors.Benchmarks.Spawn;

namespace Lifespan.Actors.Benchmarks.Modes;

/// <summary>
/// A cross-check of the BenchmarkDotNet ratios that is robust to drifting background load: the same benchmark methods
/// are run alternately (baseline, actors, baseline, actors, ...) and the ratio is taken between the medians.
/// BenchmarkDotNet runs each case to completion before the next, so a load change between cases shows up in its ratio.
/// </summary>
internal static class InterleavedMode
{
    public const int DefaultRounds = 21;

    public static async Task RunAsync(int rounds)
    {
        Console.WriteLine($"## Interleaved cross-check ({rounds} alternating rounds per case, median of each)");
        Console.WriteLine();
        Console.WriteLine("| Case | Baseline ops/s (median) | Actors ops/s (median) | Throughput ratio (actors / baseline) |");
        Console.WriteLine("|---|---:|---:|---:|");

        foreach (var pairs in PingPongBenchmarks.PairCounts)
        {
            var bench = new PingPongBenchmarks { Pairs = pairs };
            bench.Setup();
            try
            {
                var ops = BenchScale.Pick(PingPongBenchmarks.MessagesPerInvoke, PingPongBenchmarks.SmokeMessagesPerInvoke);
                await Compare($"Ping-pong, {pairs} pair(s)", rounds, ops, bench.Channels, bench.Actors);
            }
            finally
            {
                await bench.Cleanup();
            }
        }

        var spawn = new SpawnStopBenchmarks();
        spawn.Setup();
        try
        {
            var ops = BenchScale.Pick(SpawnStopBenchmarks.ActorsPerInvoke, SpawnStopBenchmarks.SmokeActorsPerInvoke);
            await Compare("Spawn + stop", rounds, ops, spawn.Channels, spawn.Actors);
        }
        finally
        {
            await spawn.Cleanup();
        }

        Console.WriteLine();
    }

    private static async Task Compare(string name, int rounds, int opsPerRun, Func<Task> baseline, Func<Task> actors)
    {
        // Warm-up: JIT to the final tier and let the pool settle.
        for (var i = 0; i < 3; i++)
        {
            await baseline();
            await actors();
        }

        var baseSeconds = new double[rounds];
        var actorSeconds = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            // Alternate which one goes first so neither always inherits the other's garbage.
            if (i % 2 == 0)
            {
                baseSeconds[i] = await Time(baseline);
                actorSeconds[i] = await Time(actors);
            }
            else
            {
                actorSeconds[i] = await Time(actors);
                baseSeconds[i] = await Time(baseline);
            }
        }

        var baseOps = opsPerRun / SessionMath.Median(baseSeconds);
        var actorOps = opsPerRun / SessionMath.Median(actorSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {baseOps:N0} | {actorOps:N0} | {actorOps / baseOps:0.00}x |"));
    }

    private static async Task<double> Time(Func<Task> run)
    {
        var start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
