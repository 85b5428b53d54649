
namespace Lifespan.Actors.Lifespan;

/// <summary>Settings of the lifespan (<c>lifespan.tasks</c>).</summary>
public sealed class LifespanOptions
{
    /// <summary>How long all setups together may take before the app fails to start. Default 5 minutes.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        if (StartupTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartupTimeout), StartupTimeout, "lifespan.tasks.startup-timeout must be positive.");
        }
    }
}
