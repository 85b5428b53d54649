namespace Lifespan.Actors.Shutdown;

/// <summary>Settings of one shutdown phase (<c>lifespan.shutdown.phases.&lt;phase&gt;</c>).</summary>
public sealed class ShutdownPhaseOptions
{
    /// <summary>How long the phase's tasks may run; <see langword="null"/> uses <see cref="ShutdownOptions.DefaultPhaseTimeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>When <see langword="false"/>, a task that fails or overruns skips the remaining phases (but the actor system still terminates). Default <see langword="true"/>.</summary>
    public bool Recover { get; set; } = true;
}

/// <summary>Settings of <see cref="CoordinatedShutdown"/> (<c>lifespan.shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    /// <summary>The timeout of a phase that sets none. Default 5 seconds.</summary>
    public TimeSpan DefaultPhaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-phase settings, by phase name. By default <c>actor-system-terminate</c> has 10 seconds.</summary>
    public IDictionary<string, ShutdownPhaseOptions> Phases { get; } = new Dictionary<string, ShutdownPhaseOptions>(StringComparer.OrdinalIgnoreCase)
    {
        [ShutdownPhases.ActorSystemTerminate] = new() { Timeout = TimeSpan.FromSeconds(10) },
    };

    /// <summary>The effective timeout of <paramref name="phase"/>.</summary>
    public TimeSpan TimeoutOf(string phase) =>
        Phases.TryGetValue(phase, out var p) && p.Timeout is { } t ? t : DefaultPhaseTimeout;

    /// <summary>Whether <paramref name="phase"/> recovers from a failed or overrunning task.</summary>
    public bool RecoversIn(string phase) => !Phases.TryGetValue(phase, out var p) || p.Recover;

    internal void Validate()
    {
        if (DefaultPhaseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultPhaseTimeout), DefaultPhaseTimeout, "lifespan.shutdown.default-phase-timeout must be positive.");
        }

        foreach (var (phase, options) in Phases)
        {
            if (!ShutdownPhases.All.Contains(phase, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"lifespan.shutdown.phases.{phase} is not a shutdown phase; the phases are: {string.Join(", ", ShutdownPhases.All)}.", nameof(Phases));
            }

            if (options.Timeout is { } t && t <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Phases), t, $"lifespan.shutdown.phases.{phase}.timeout must be positive.");
            }
        }
    }
}
