using System.Globalization;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Benchmarks.Sessions;

namespace Lifespan.Actors.Benchmarks.Modes;

/// <summary>
/// Memory per idle session with its Akka actor, against a <see cref="SemaphoreSlim"/> and the state in a dictionary,
/// with an idle Akka actor alone for reference (<see cref="SessionMemory"/> says how each is measured).
/// </summary>
internal static class MemoryMode
{
    public const int DefaultCount = 100_000;
    public const double TargetBytesPerSession = 4096;

    public static async Task<bool> RunAsync(int count)
    {
        Console.WriteLine($"## Memory per idle session ({count:N0} alive at once, one event applied each, no subscribers)");
        Console.WriteLine();
        using var deadline = new CancellationTokenSource(BenchScale.Deadline * 3);
        var warm = Math.Min(count, 1_000);   // JIT and type loading are not counted
        SessionMemory.Baseline(warm);
        await SessionMemory.SessionsAsync(warm, deadline.Token);
        await SessionMemory.IdleActorsAsync(warm);

        var baseline = SessionMemory.Baseline(count);
        var sessions = await SessionMemory.SessionsAsync(count, deadline.Token);
        var actors = await SessionMemory.IdleActorsAsync(count);

        Console.WriteLine("| Subject | Alive | Retained bytes | Bytes per item | Total (MB) | Ratio to baseline |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var m in new[] { baseline, sessions, actors })
        {
            Console.WriteLine(Invariant($"| {m.Name} | {m.Count:N0} | {m.RetainedBytes:N0} | {m.BytesPerItem:N0} | {m.TotalMegabytes:N1} | {m.BytesPerItem / baseline.BytesPerItem:0.00}x |"));
        }

        Console.WriteLine();
        var met = sessions.BytesPerItem <= TargetBytesPerSession;
        Console.WriteLine(Invariant(
            $"Target: at most {TargetBytesPerSession:N0} bytes per idle session. Measured {sessions.BytesPerItem:N0} ({sessions.BytesPerItem - actors.BytesPerItem:N0} more than an idle Akka actor): {(met ? "met" : "NOT met")}."));
        Console.WriteLine();
        return met;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
