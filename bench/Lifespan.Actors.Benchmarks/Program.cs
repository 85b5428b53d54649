using System.Globalization;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Benchmarks.Lifespan;
using Lifespan.Actors.Benchmarks.Modes;
using Lifespan.Actors.Benchmarks.Sessions;
using Lifespan.Actors.Benchmarks.WebSockets;

// Usage (always in Release):
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- smoke     every benchmark once, tiny counts; exit code 0 = all ran
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- all       every measurement below with its default size
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- sessions [rounds]   session actors vs SemaphoreSlim per session, in process
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- websockets [sessions] [seconds]   WebSocket sessions on loopback vs a plain WebSocket endpoint
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- memory [count]     bytes per idle session (and per idle Akka actor)
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- latency [count]    Akka Ask round trip vs a bare channel round trip
//   dotnet run -c Release --project bench/Lifespan.Actors.Benchmarks -- lifespan [rounds]  host start/stop with 1, 100, 1000 tasks vs BackgroundServices
return await Bench.RunAsync(args);

internal static class Bench
{
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
                    await SessionsMode.RunAsync(SessionsScale.Full(SessionsMode.DefaultRounds));
                    await WebSocketsMode.RunAsync(WebSocketsScale.Full(WebSocketsScale.DefaultSessions, WebSocketsScale.DefaultSeconds));
                    await MemoryMode.RunAsync(MemoryMode.DefaultCount);
                    await LatencyMode.RunAsync(LatencyMode.DefaultCount, warmup: 20_000);
                    await LifespanMode.RunAsync(LifespanMode.DefaultCounts, LifespanMode.DefaultRounds);
                    return 0;
                case "sessions":
                    MachineInfo.Print();
                    await SessionsMode.RunAsync(SessionsScale.Full(Count(args, SessionsMode.DefaultRounds)));
                    return 0;
                case "websockets":
                    MachineInfo.Print();
                    await WebSocketsMode.RunAsync(WebSocketsScale.Full(Count(args, WebSocketsScale.DefaultSessions), Count(args, WebSocketsScale.DefaultSeconds, index: 2)));
                    return 0;
                case "memory":
                    MachineInfo.Print();
                    await MemoryMode.RunAsync(Count(args, MemoryMode.DefaultCount));
                    return 0;
                case "latency":
                    MachineInfo.Print();
                    await LatencyMode.RunAsync(Count(args, LatencyMode.DefaultCount), warmup: 20_000);
                    return 0;
                case "lifespan":
                    MachineInfo.Print();
                    await LifespanMode.RunAsync(LifespanMode.DefaultCounts, Count(args, LifespanMode.DefaultRounds));
                    return 0;
                case "help" or "-h" or "--help":
                    PrintUsage();
                    return 0;
                default:
                    PrintUsage();
                    return 2;
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"FAILED: {ex}");
            return 1;
        }
    }

    /// <summary>Every measurement once with tiny counts: a check that they run to completion, not a measurement.</summary>
    private static async Task<int> SmokeAsync()
    {
        MachineInfo.Print();
        Console.WriteLine("Smoke run: tiny counts, one round each. The figures below are not measurements.");
        Console.WriteLine();
        await SessionsMode.RunAsync(SessionsScale.Smoke);
        await WebSocketsMode.RunAsync(WebSocketsScale.Smoke);
        await MemoryMode.RunAsync(2_000);
        await LatencyMode.RunAsync(2_000, warmup: 500);
        await LifespanMode.RunAsync([1, 10], rounds: 1);
        Console.WriteLine("SMOKE OK");
        return 0;
    }

    private static int Count(string[] args, int fallback, int index = 1) =>
        args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static void PrintUsage() => Console.WriteLine("""
        Lifespan.Actors benchmarks on Akka.NET (run in Release; every figure is a ratio to a baseline measured in the same run):
          smoke              every measurement once with tiny counts; exit code 0 when all ran
          all                every measurement below with its default size
          sessions [rounds]  session actors vs SemaphoreSlim per session, in process: events/s (1 and 10k sessions),
                             event → delta latency under load, background lock round trip (default 7 rounds)
          websockets [sessions] [seconds]
                             WebSocket sessions on loopback vs a plain WebSocket endpoint: events/s saturated, event → delta
                             latency paced at 25 % and 50 % of the saturated rate (default 1000 connections, 5 s per run)
          memory [count]     bytes per idle session with its Akka actor, and per idle Akka actor (default 100000 alive)
          latency [count]    Akka Ask round trip p50/p99 vs a bare channel round trip (default 100000 round trips)
          lifespan [rounds]  host start/stop with 1, 100, 1000 lifespan tasks vs BackgroundServices (default 11 rounds)
        """);
}
