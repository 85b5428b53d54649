using System.Globalization;
using Lifespan.Actors.Benchmarks.Sessions;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// Load over real WebSockets on loopback: one fleet of clients against the session endpoint and one against a plain
/// ASP.NET Core endpoint doing the same work without actors (<see cref="BaselineEndpoint"/>), in one process and one
/// Kestrel. Three phases: saturated (each client sends its next event as soon as the previous delta arrives) and paced
/// twice (every client at a fixed interval, for a total of 25 % and 50 % of the actors' saturated rate). The fleets alternate,
/// the order rotating every round, after one warm-up run each; events/s are medians of the runs, latencies are
/// percentiles over every event of every run.
/// </summary>
internal static class WebSocketsMode
{
    /// <summary>Events/s over the sockets, saturated, as a share of the plain endpoint's.</summary>
    public const double TargetRateRatio = 0.9;

    /// <summary>The paced p99 event → delta latency, as a multiple of the plain endpoint's at the same rate.</summary>
    public const double TargetP99Ratio = 1.25;

    public static async Task RunAsync(WebSocketsScale scale)
    {
        Console.WriteLine(Invariant($"## WebSocket sessions ({scale.Sessions:N0} connections per endpoint on 127.0.0.1, {scale.Duration.TotalSeconds:0.#} s or {scale.MaxEventsPerSession:N0} events per connection per run, {scale.Rounds} alternating rounds)"));
        Console.WriteLine();
        using var deadline = new CancellationTokenSource(scale.Deadline);
        var cancellationToken = deadline.Token;
        await using var server = await LoopbackServer.StartAsync(scale.Sessions, cancellationToken);
        var fleets = new List<ClientFleet>();
        try
        {
            foreach (var uri in new[] { server.BaselineUri, server.ActorUri })
            {
                await using var warm = await ClientFleet.ConnectAsync("warm-up", uri, 10, cancellationToken);   // JIT the accept paths before timing the connects
                await warm.CloseAsync(cancellationToken);
            }

            var memory = new List<double>();
            foreach (var (name, uri) in new[] { ("Plain WebSocket endpoint, SemaphoreSlim per connection (baseline)", server.BaselineUri), ("MapLifespanSessions, one session actor per connection", server.ActorUri) })
            {
                var before = GC.GetTotalMemory(forceFullCollection: true);
                fleets.Add(await ClientFleet.ConnectAsync(name, uri, scale.Sessions, cancellationToken));
                memory.Add((GC.GetTotalMemory(forceFullCollection: true) - before) / (double)scale.Sessions);
            }

            foreach (var fleet in fleets)
            {
                await Run(fleet, new LoadPlan(scale.MaxEventsPerSession, scale.WarmUp, TimeSpan.Zero), cancellationToken);
            }

            var saturated = await CompareAsync(fleets, new LoadPlan(scale.MaxEventsPerSession, scale.Duration, TimeSpan.Zero), scale.Rounds, cancellationToken);
            Print($"### Saturated: each connection sends its next event when the previous delta arrives (1 in flight per connection, {scale.Sessions:N0} in all)", fleets, saturated);

            var saturatedRate = SessionMath.Median([.. saturated[1].Select(r => r.EventsPerSecond)]);
            var paced = new List<(double Share, List<RunResult>[] Results)>();
            foreach (var share in scale.PacedShares)
            {
                var rate = Math.Max(1.0, Math.Round(saturatedRate * share / 100) * 100);
                var interval = TimeSpan.FromSeconds(scale.Sessions / rate);
                var results = await CompareAsync(fleets, new LoadPlan(scale.MaxEventsPerSession, scale.Duration, interval), scale.Rounds, cancellationToken);
                Print(
                    $"### Paced at {share:P0} of the actors' saturated rate: {rate:N0} events/s in all, one event per connection every {interval.TotalMilliseconds:N1} ms",
                    fleets,
                    results);
                paced.Add((share, results));
            }

            PrintSummary(fleets, saturated, paced, memory);
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var fleet in fleets)
            {
                await fleet.CloseAsync(closing.Token);
                await fleet.DisposeAsync();
            }
        }
    }

    /// <summary>One run with its own deadline: the plan's duration plus a minute for the last deltas.</summary>
    private static async Task<RunResult> Run(ClientFleet fleet, LoadPlan plan, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.Duration + TimeSpan.FromMinutes(1));
        try
        {
            return await fleet.RunAsync(plan, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{fleet.Name}: a run of {plan.Duration.TotalSeconds:0.#} s did not finish within a minute after it.", ex);
        }
    }

    private static async Task<List<RunResult>[]> CompareAsync(List<ClientFleet> fleets, LoadPlan plan, int rounds, CancellationToken cancellationToken)
    {
        var results = fleets.Select(_ => new List<RunResult>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < fleets.Count; k++)
            {
                var i = (round + k) % fleets.Count;   // rotate so that neither subject always runs first
                results[i].Add(await Run(fleets[i], plan, cancellationToken));
            }
        }

        return results;
    }

    private static (double Rate, double P50, double P99, int Events, double Cpu, double Bytes, string Gcs, double PoolP50, double PoolP99, double Switches) Figures(List<RunResult> runs)
    {
        var all = runs.SelectMany(r => r.SortedSamples).ToArray();
        Array.Sort(all);
        var pool = runs.SelectMany(r => r.SortedPoolDelays).ToArray();
        Array.Sort(pool);
        var gcs = string.Join("/", Enumerable.Range(0, 3).Select(g => runs.Sum(r => r.Collections[g]).ToString(CultureInfo.InvariantCulture)));
        return (
            SessionMath.Median([.. runs.Select(r => r.EventsPerSecond)]),
            SessionMath.QuantileUs(all, 0.50),
            SessionMath.QuantileUs(all, 0.99),
            all.Length,
            SessionMath.Median([.. runs.Select(r => r.CpuMicrosecondsPerEvent)]),
            SessionMath.Median([.. runs.Select(r => r.BytesPerEvent)]),
            gcs,
            SessionMath.QuantileUs(pool, 0.50),
            SessionMath.QuantileUs(pool, 0.99),
            SessionMath.Median([.. runs.Select(r => r.SwitchesPerEvent)]));
    }

    private static void Print(FormattableString title, List<ClientFleet> fleets, List<RunResult>[] results)
    {
        var baseline = Figures(results[0]);
        Console.WriteLine(Invariant(title));
        Console.WriteLine();
        Console.WriteLine("| Subject | Events/s (median) | Ratio (higher is better) | p50 (µs) | p99 (µs) | p50 ratio | p99 ratio (higher is slower) | CPU µs per event (median) | Allocated B per event (median) | GCs gen0/1/2 | Pool queue wait p50 / p99 (µs) | Voluntary context switches per event | Events | Events/s per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < fleets.Count; i++)
        {
            var f = Figures(results[i]);
            var perRun = string.Join(", ", results[i].Select(r => (r.EventsPerSecond / 1000).ToString("N1", CultureInfo.InvariantCulture) + "k"));
            Console.WriteLine(Invariant(
                $"| {fleets[i].Name} | {f.Rate:N0} | {f.Rate / baseline.Rate:0.00}x | {f.P50:N0} | {f.P99:N0} | {f.P50 / baseline.P50:0.00}x | {f.P99 / baseline.P99:0.00}x | {f.Cpu:N1} | {f.Bytes:N0} | {f.Gcs} | {f.PoolP50:N0} / {f.PoolP99:N0} | {f.Switches:N2} | {f.Events:N0} | {perRun} |"));
        }

        Console.WriteLine();
    }

    private static void PrintSummary(List<ClientFleet> fleets, List<RunResult>[] saturated, List<(double Share, List<RunResult>[] Results)> paced, List<double> memory)
    {
        Console.WriteLine("### WebSocket sessions summary");
        Console.WriteLine();
        Console.WriteLine("| Measurement | Actors | Baseline (same run) | Ratio | Target | Met |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var (a, b) = (Figures(saturated[1]), Figures(saturated[0]));
        Console.WriteLine(Invariant($"| Events/s, saturated | {a.Rate:N0} /s | {b.Rate:N0} /s | {a.Rate / b.Rate:0.00}x (higher is better) | ≥ {TargetRateRatio:0.0#}x | {Met(a.Rate / b.Rate >= TargetRateRatio)} |"));
        Console.WriteLine(Invariant($"| Process CPU per event, saturated (clients + server) | {a.Cpu:N1} µs | {b.Cpu:N1} µs | {a.Cpu / b.Cpu:0.00}x (higher is costlier) | — | — |"));
        Console.WriteLine(Invariant($"| Voluntary context switches per event, saturated | {a.Switches:N2} | {b.Switches:N2} | {a.Switches / b.Switches:0.00}x | — | — |"));
        Console.WriteLine(Invariant($"| Event → delta latency, saturated | p50 {a.P50:N0} µs, p99 {a.P99:N0} µs | p50 {b.P50:N0} µs, p99 {b.P99:N0} µs | p50 {a.P50 / b.P50:0.00}x, p99 {a.P99 / b.P99:0.00}x (higher is slower) | — | — |"));
        foreach (var (share, results) in paced)
        {
            var (pa, pb) = (Figures(results[1]), Figures(results[0]));
            var p99 = pa.P99 / pb.P99;
            Console.WriteLine(Invariant(
                $"| Event → delta latency, paced at {share:P0} ({pa.Rate:N0} vs {pb.Rate:N0} events/s achieved) | p50 {pa.P50:N0} µs, p99 {pa.P99:N0} µs | p50 {pb.P50:N0} µs, p99 {pb.P99:N0} µs | p50 {pa.P50 / pb.P50:0.00}x, p99 {p99:0.00}x (higher is slower) | p99 ≤ {TargetP99Ratio:0.0#}x | {Met(p99 <= TargetP99Ratio)} |"));
        }

        Console.WriteLine(Invariant($"| Managed memory per open connection after hello (clients + server) | {memory[1]:N0} B | {memory[0]:N0} B | {memory[1] / memory[0]:0.00}x (higher is costlier) | — | — |"));
        Console.WriteLine(Invariant($"| Connect + hello, {fleets[1].Count:N0} connections (50 at a time) | {fleets[1].ConnectSeconds:N2} s | {fleets[0].ConnectSeconds:N2} s | {fleets[1].ConnectSeconds / fleets[0].ConnectSeconds:0.00}x (higher is slower) | — | — |"));
        Console.WriteLine();
    }

    private static string Met(bool met) => met ? "yes" : "NO";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
