using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>
/// BenchmarkDotNet configurations. Both run in-process (no generated project): the benchmarks live next to the
/// code they measure and the repository's strict build settings would otherwise apply to generated code too.
/// </summary>
internal static class BenchConfigs
{
    /// <summary>Artifacts go under the build output, never into the working directory.</summary>
    public static string ArtifactsPath => Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");

    /// <summary>
    /// The measurement job: one launch, 8 warm-up and 30 measured iterations (0.1 to 0.6 s each) (enough to
    /// see through the noise of a shared machine while keeping the whole suite to a few minutes).
    /// </summary>
    public static IConfig Full() => Common()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(8)
            .WithIterationCount(30)
            .WithId("Full"))
        .AddDiagnoser(MemoryDiagnoser.Default);

    /// <summary>Every benchmark once, with tiny counts: a check that they run, not a measurement.</summary>
    public static IConfig Smoke() => Common()
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke"))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);

    private static ManualConfig Common() => ManualConfig.Create(DefaultConfig.Instance)
        .AddColumn(StatisticColumn.OperationsPerSecond)
        .WithArtifactsPath(ArtifactsPath);
}
