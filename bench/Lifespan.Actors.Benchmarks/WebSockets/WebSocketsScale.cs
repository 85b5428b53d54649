namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// Sizes of the WebSocket load run. Every run is bounded twice: by <see cref="MaxEventsPerSession"/> per client and
/// by <see cref="Duration"/>; <see cref="Deadline"/> fails the whole measurement instead of letting it hang.
/// </summary>
/// <param name="Sessions">Client connections per endpoint; each says hello once and so owns one session.</param>
/// <param name="Duration">How long each measured run sends events.</param>
/// <param name="MaxEventsPerSession">The most events one client sends in one run.</param>
/// <param name="Rounds">Measured runs per subject and phase; the subjects alternate and the order rotates every round.</param>
/// <param name="PacedShares">The paced phases' total rates, as shares of the actors' median saturated rate.</param>
/// <param name="Deadline">The longest the whole measurement may take.</param>
internal sealed record WebSocketsScale(int Sessions, TimeSpan Duration, int MaxEventsPerSession, int Rounds, double[] PacedShares, TimeSpan Deadline)
{
    public const int DefaultSessions = 1_000;
    public const int DefaultSeconds = 5;

    /// <summary>How long the untimed warm-up run of each subject sends events.</summary>
    public TimeSpan WarmUp => Duration < TimeSpan.FromSeconds(2) ? Duration : TimeSpan.FromSeconds(2);

    public static WebSocketsScale Full(int sessions, int seconds) => new(
        sessions,
        TimeSpan.FromSeconds(seconds),
        MaxEventsPerSession: 1_000_000,
        Rounds: 5,
        PacedShares: [0.25, 0.5],
        Deadline: TimeSpan.FromSeconds(180 + (40.0 * seconds)));

    /// <summary>A few seconds: 50 connections per endpoint, at most 20 events each per run, one round.</summary>
    public static WebSocketsScale Smoke { get; } = new(50, TimeSpan.FromSeconds(1), 20, 1, [0.25, 0.5], TimeSpan.FromSeconds(60));
}

/// <summary>What each client does in one run: send until <see cref="MaxEvents"/> or <see cref="Duration"/>, waiting <see cref="Interval"/> between sends (zero: send as soon as the previous delta arrives).</summary>
internal sealed record LoadPlan(int MaxEvents, TimeSpan Duration, TimeSpan Interval);
