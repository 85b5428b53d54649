namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>
/// Sizes of the workloads. <c>smoke</c> sets <see cref="SmokeVariable"/> so that every benchmark runs with tiny counts
/// (the variable is also inherited by any out-of-process benchmark run).
/// </summary>
internal static class BenchScale
{
    public const string SmokeVariable = "LIFESPAN_BENCH_SMOKE";

    /// <summary>The longest any benchmark waits for one piece of work before it fails instead of hanging.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    public static bool IsSmoke => Environment.GetEnvironmentVariable(SmokeVariable) == "1";

    public static int Pick(int full, int smoke) => IsSmoke ? smoke : full;
}
