namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>Limits shared by every measurement.</summary>
internal static class BenchScale
{
    /// <summary>The longest any benchmark waits for one piece of work before it fails instead of hanging.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
}
