using System.Globalization;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>
/// Session state actors (<see cref="Sessions.SessionHub"/>) against the same <see cref="BenchState"/> handler run under a
/// <see cref="SemaphoreSlim"/> per session, measured in the same run: events/s through one session and across many,
/// event → delta latency under load and a background task's lock round trip. Memory per idle session is
/// <see cref="Modes.MemoryMode"/>'s.
/// </summary>
internal static class SessionsMode
{
    public const int DefaultRounds = 7;

    /// <summary>The events/s target across many sessions, as a share of the baseline's; one session has none.</summary>
    public const double TargetManySessionsRatio = 0.5;

    public static async Task<bool> RunAsync(SessionsScale scale)
    {
        Console.WriteLine($"## Sessions ({scale.Rounds} alternating rounds per throughput row, medians; events/s: higher is better)");
        Console.WriteLine();
        var summary = new List<string>();
        var ok = true;

        using (var deadline = new CancellationTokenSource(scale.Deadline))
        {
            var one = await SessionThroughput.OneSessionAsync(scale, deadline.Token);
            PrintThroughput($"### Events/s through one session ({scale.OneSessionEvents:N0} events pipelined, one subscriber; done at the last delta)", one);
            AddThroughput(summary, "Events/s, one session", one[2], one[0], one[1], target: null);
        }

        double manyActorRate;
        using (var deadline = new CancellationTokenSource(scale.Deadline))
        {
            var routedShares = new List<double>();
            var many = await SessionThroughput.ManySessionsAsync(scale, routedShares, deadline.Token);
            PrintThroughput(
                $"### Events/s across {scale.Sessions:N0} sessions ({scale.Sessions * scale.EventsPerSession:N0} events round-robin from {Math.Min(Environment.ProcessorCount, scale.Sessions)} producers, every session subscribed)",
                many);
            ok &= AddThroughput(summary, $"Events/s, {scale.Sessions:N0} sessions", many[1], many[0], null, TargetManySessionsRatio);
            manyActorRate = many[1].EventsPerSecond;
            var measured = routedShares.Skip(1).ToArray();   // not the warm-up
            Console.WriteLine(Invariant(
                $"/user/sessions had routed the last event after {SessionMath.Median(measured):P0} of a handle.Send run (median; per round: {string.Join(", ", measured.Select(x => x.ToString("P0", CultureInfo.InvariantCulture)))}); the sessions applied the rest after it."));
            Console.WriteLine();
            summary.Add(Invariant(
                $"| Diagnostic: when /user/sessions had routed the last of the {scale.Sessions:N0} sessions' events | after {SessionMath.Median(measured):P0} of the run (median) | — | — | — | — |"));
            summary.Add(Invariant(
                $"| Diagnostic: events/s, {scale.Sessions:N0} sessions, told directly (bypassing /user/sessions) | {many[3].EventsPerSecond:N0} /s | {many[0].EventsPerSecond:N0} /s | {many[3].EventsPerSecond / many[0].EventsPerSecond:0.00}x; CPU per event {many[3].CpuNsPerEvent:N0} ns against {many[1].CpuNsPerEvent:N0} ns routed | — | — |"));
        }

        using (var deadline = new CancellationTokenSource(scale.Deadline))
        {
            var ceiling = await RoutingCeiling.RunAsync(scale, deadline.Token);
            PrintThroughput(
                $"### Routing ceiling, Akka only: one routing actor in front of {scale.Sessions:N0} idle children ({scale.Sessions * scale.EventsPerSession:N0} messages round-robin; the baseline of this table is telling the children directly)",
                ceiling);
            summary.Add(Invariant(
                $"| Diagnostic: one Akka routing actor, {scale.Sessions:N0} idle children | {ceiling[1].EventsPerSecond:N0} msgs/s | {ceiling[0].EventsPerSecond:N0} msgs/s told directly | {ceiling[1].EventsPerSecond / ceiling[0].EventsPerSecond:0.00}x; CPU per message {ceiling[1].CpuNsPerEvent:N0} ns against {ceiling[0].CpuNsPerEvent:N0} ns | — | — |"));
        }

        foreach (var share in new[] { 0.1, 0.5 })
        {
            using var deadline = new CancellationTokenSource(scale.Deadline);
            var rate = Math.Max(1000, Math.Round(manyActorRate * share / 1000) * 1000);   // a share of what the actors sustained above
            var perSession = Math.Clamp((int)(rate * 0.8 / scale.LatencySessions), 5, scale.LatencyEventsPerSession);   // about 0.8 s per run
            var latency = await SessionLatency.UnderLoadAsync(scale, rate, perSession, deadline.Token);
            PrintLatency(
                Invariant($"### Event → delta latency at {share:P0} of the actors' {scale.Sessions:N0}-session rate ({scale.LatencySessions:N0} subscribed sessions, {rate:N0} events/s paced in 1 ms steps, {perSession} events per session per run, {scale.LatencyRounds} alternating runs)"),
                latency,
                "Events/s achieved (median)");
            summary.Add(LatencyRow(Invariant($"Event → delta latency, {scale.LatencySessions:N0} sessions at {rate:N0} events/s"), latency[1], latency[0]));
        }

        using (var deadline = new CancellationTokenSource(scale.Deadline))
        {
            var locks = await SessionLatency.LockRoundTripAsync(scale, deadline.Token);
            PrintLatency(
                $"### Background task lock round trip ({scale.LockIterations:N0} round trips in {scale.LockBlocks} alternating blocks)",
                locks,
                "Round trips/s (median block)");
            summary.Add(LatencyRow("Background lock round trip", locks[1], locks[0]));
        }

        Console.WriteLine("### Sessions summary");
        Console.WriteLine();
        Console.WriteLine("| Measurement | Result | Baseline (same run) | Ratio | Target | Met |");
        Console.WriteLine("|---|---|---|---|---|---|");
        summary.ForEach(Console.WriteLine);
        Console.WriteLine();
        return ok;
    }

    private static bool AddThroughput(List<string> summary, string name, ThroughputResult actor, ThroughputResult baseline, ThroughputResult? second, double? target)
    {
        var ratio = actor.EventsPerSecond / baseline.EventsPerSecond;
        var met = target is not { } t || ratio >= t;
        var secondText = second is null ? string.Empty : Invariant($"; {actor.EventsPerSecond / second.EventsPerSecond:0.00}x vs sequential await ({second.EventsPerSecond:N0}/s)");
        var targetText = target is { } goal ? Invariant($"≥ {goal:0.0#}x | {(met ? "yes" : "NO")}") : "— | —";
        summary.Add(Invariant(
            $"| {name} | {actor.EventsPerSecond:N0} /s | {baseline.EventsPerSecond:N0} /s (SemaphoreSlim, pipelined) | {ratio:0.00}x (higher is better){secondText} | {targetText} |"));
        return met;
    }

    private static string LatencyRow(string name, LatencyResult actor, LatencyResult baseline) => Invariant(
        $"| {name} | p50 {actor.P50Us:N1} µs, p99 {actor.P99Us:N1} µs | p50 {baseline.P50Us:N1} µs, p99 {baseline.P99Us:N1} µs | p50 {actor.P50Us / baseline.P50Us:0.0}x, p99 {actor.P99Us / baseline.P99Us:0.0}x (higher is slower) | — | — |");

    private static void PrintThroughput(string title, IReadOnlyList<ThroughputResult> results)
    {
        var baseline = results[0];
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine("| Subject | Events/s (median) | Ratio to baseline (higher is better) | Allocated per event (bytes, median) | CPU per event (ns, all threads, median) | GC pauses (share of wall time, median) | Events/s per round |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            Console.WriteLine(Invariant(
                $"| {r.Name} | {r.EventsPerSecond:N0} | {r.EventsPerSecond / baseline.EventsPerSecond:0.00}x | {r.BytesPerEvent:N0} | {r.CpuNsPerEvent:N0} | {r.GcPauseShare:P0} | {string.Join(", ", r.RoundOps.Select(o => (o / 1000).ToString("N0", CultureInfo.InvariantCulture) + "k"))} |"));
        }

        Console.WriteLine();
    }

    private static void PrintLatency(string title, IReadOnlyList<LatencyResult> results, string rateColumn)
    {
        var baseline = results[0];
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine($"| Subject | Samples | p50 (µs) | p99 (µs) | Mean (µs) | p50 ratio | p99 ratio | {rateColumn} |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(Invariant(
                $"| {r.Name} | {r.Samples:N0} | {r.P50Us:N1} | {r.P99Us:N1} | {r.MeanUs:N1} | {r.P50Us / baseline.P50Us:0.00}x | {r.P99Us / baseline.P99Us:0.00}x | {r.AchievedRate:N0} |"));
        }

        Console.WriteLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
