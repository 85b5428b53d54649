using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Benchmarks.Lifespan;
using Lifespan.Actors.Benchmarks.Modes;
using Lifespan.Actors.Benchmarks.PingPong;
using Lifespan.Actors.Benchmarks.Sessions;
using Lifespan.Actors.Benchmarks.Spawn;
using Lifespan.Actors.Benchmarks.WebSockets;

// Usage (always in Release):
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- smoke     every benchmark once, tiny counts; exit code 0 = all ran
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- all       the full run: ping-pong, spawn/stop, memory, latency
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- suites    the BenchmarkDotNet suites only (ping-pong, spawn/stop)
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- interleaved [rounds]   drift-robust cross-check of the suites' ratios
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- memory [count]
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- latency [count]
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- lifespan [rounds]   host start/stop with 1, 100, 1000 tasks vs BackgroundServices
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- sessions [rounds]   session state actors vs SemaphoreSlim per session
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- websockets [sessions] [seconds]   1000 WebSocket sessions on loopback vs a plain WebSocket endpoint
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- --filter '*PingPong*'   anything else goes to BenchmarkSwitcher
return await Bench.RunAsync(args);

internal static class Bench
{
    private static readonly Type[] s_suites = [typeof(PingPongBenchmarks), typeof(SpawnStopBenchmarks)];

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "";
        try
        {
            switch (mode)
            {
                case "smoke":
                    return await SmokeAsync();
                case "all":
                    MachineInfo.Print();
                    var suitesOk = RunSuites(BenchConfigs.Full());
                    await InterleavedMode.RunAsync(InterleavedMode.DefaultRounds);
                    await MemoryMode.RunAsync(MemoryMode.DefaultCount);
                    await LatencyMode.RunAsync(LatencyMode.DefaultCount, warmup: 20_000);
                    await LifespanMode.RunAsync(LifespanMode.DefaultCounts, rounds: 11);
                    return suitesOk ? 0 : 1;
                case "suites":
                    MachineInfo.Print();
                    return RunSuites(BenchConfigs.Full()) ? 0 : 1;
                case "memory":
                    MachineInfo.Print();
                    await MemoryMode.RunAsync(Count(args, MemoryMode.DefaultCount));
                    return 0;
                case "interleaved":
                    MachineInfo.Print();
                    await InterleavedMode.RunAsync(Count(args, InterleavedMode.DefaultRounds));
                    return 0;
                case "lifespan":
                    MachineInfo.Print();
                    await LifespanMode.RunAsync(LifespanMode.DefaultCounts, Count(args, 11));
                    return 0;
                case "latency":
                    MachineInfo.Print();
                    await LatencyMode.RunAsync(Count(args, LatencyMode.DefaultCount), warmup: 20_000);
                    return 0;
                case "sessions":
                    MachineInfo.Print();
                    await SessionsMode.RunAsync(SessionsScale.Full(Count(args, SessionsMode.DefaultRounds)));
                    return 0;
                case "websockets":
                    MachineInfo.Print();
                    await WebSocketsMode.RunAsync(WebSocketsScale.Full(Count(args, WebSocketsScale.DefaultSessions), Count(args, WebSocketsScale.DefaultSeconds, index: 2)));
                    return 0;
                case "" or "help" or "-h" or "--help":
                    PrintUsage();
                    return mode.Length == 0 ? 2 : 0;
                default:
                    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Bench).Assembly).Run(args, BenchConfigs.Full());
                    return summaries.All(Succeeded) ? 0 : 1;
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"FAILED: {ex}");
            return 1;
        }
    }

    private static async Task<int> SmokeAsync()
    {
        Environment.SetEnvironmentVariable(BenchScale.SmokeVariable, "1");
        MachineInfo.Print();
        Console.WriteLine("Smoke run: tiny counts, one iteration each. The figures below are not measurements.");
        var ok = RunSuites(BenchConfigs.Smoke());
        await InterleavedMode.RunAsync(3);
        await MemoryMode.RunAsync(2_000);
        await LatencyMode.RunAsync(2_000, warmup: 500);
        await LifespanMode.RunAsync([1, 10], rounds: 1);
        await SessionsMode.RunAsync(SessionsScale.Smoke);
        await WebSocketsMode.RunAsync(WebSocketsScale.Smoke);
        Console.WriteLine(ok ? "SMOKE OK" : "SMOKE FAILED: a benchmark did not run to completion (see above).");
        return ok ? 0 : 1;
    }

    private static bool RunSuites(IConfig config)
    {
        var summaries = BenchmarkRunner.Run(s_suites, config);
        var ok = summaries.Length > 0 && summaries.All(Succeeded);
        foreach (var summary in summaries)
        {
            PrintRatios(summary);
        }

        return ok;
    }

    private static bool Succeeded(Summary summary) =>
        !summary.HasCriticalValidationErrors &&
        summary.BenchmarksCases.Length > 0 &&
        summary.Reports.Length == summary.BenchmarksCases.Length &&
        summary.Reports.All(r => r.Success && r.ResultStatistics is not null);

    /// <summary>Throughput of every benchmark against the baseline of its group, as a ratio (1 = as fast as the baseline).</summary>
    private static void PrintRatios(Summary summary)
    {
        var groups = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .GroupBy(r => r.BenchmarkCase.Descriptor.Type.Name + " " + r.BenchmarkCase.Parameters.DisplayInfo);
        Console.WriteLine();
        Console.WriteLine("| Benchmark | Parameters | Ops/s | Throughput ratio to baseline |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var group in groups)
        {
            var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            foreach (var report in group)
            {
                var opsPerSecond = 1e9 / report.ResultStatistics!.Mean;
                var ratio = baseline is null ? double.NaN : baseline.ResultStatistics!.Mean / report.ResultStatistics.Mean;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {report.BenchmarkCase.Parameters.DisplayInfo} | {opsPerSecond:N0} | {ratio:0.00}x |"));
            }
        }

        Console.WriteLine();
    }

    private static int Count(string[] args, int fallback, int index = 1) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static void PrintUsage() => Console.WriteLine("""
        Lifespan.Actors benchmarks (run in Release):
          smoke              every benchmark once with tiny counts; exit code 0 when all ran
          all                the full run: suites, interleaved cross-check, memory, latency
          suites             the BenchmarkDotNet suites only (ping-pong, spawn/stop)
          interleaved [n]    the suites' cases run alternately n times (default 21), ratio of medians
          memory [count]     bytes retained per idle actor (default 100000 alive)
          latency [count]    Ask round-trip p50/p99 (default 100000 round trips)
          lifespan [rounds]  host start/stop with 1, 100, 1000 lifespan tasks vs BackgroundServices (default 11 rounds)
          sessions [rounds]  session state actors vs SemaphoreSlim per session: events/s (1 and 10k sessions), event → delta
                             latency, background lock round trip, memory per idle session (default 7 rounds)
          websockets [sessions] [seconds]
                             WebSocket sessions on loopback vs a plain WebSocket endpoint: events/s and event → delta
                             latency, saturated and paced (default 1000 connections per endpoint, 5 s per run)
          <other arguments>  passed to BenchmarkSwitcher, e.g. --filter '*PingPong*' or --list flat
        """);
}
