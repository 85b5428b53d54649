namespace Lifespan.Actors.TestKit;

/// <summary>Deadlines for blocks, conditions and assertions.</summary>
public sealed partial class TestProbe
{
    /// <summary>
    /// Runs <paramref name="body"/> and fails if it takes longer than <paramref name="max"/> (dilated). Expectations
    /// inside that name no timeout share the block's deadline.
    /// </summary>
    public Task WithinAsync(TimeSpan max, Func<Task> body) => Await.WithinAsync(TimeSpan.Zero, max, body, _options);

    /// <summary>Like <see cref="WithinAsync(TimeSpan, Func{Task})"/>, and fails if the block takes less than <paramref name="min"/>.</summary>
    public Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> body) => Await.WithinAsync(min, max, body, _options);

    /// <summary>Runs <paramref name="assertion"/> until it stops throwing, or fails with its last exception after <paramref name="duration"/>.</summary>
    public Task AwaitAssertAsync(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return Await.AssertAsync(() => { assertion(); return Task.CompletedTask; }, duration, interval, _options);
    }

    /// <summary>Awaits <paramref name="assertion"/> until it stops throwing, or fails with its last exception after <paramref name="duration"/>.</summary>
    public Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null) =>
        Await.AssertAsync(assertion, duration, interval, _options);

    /// <summary>Waits until <paramref name="condition"/> is true, or fails after <paramref name="max"/>.</summary>
    public Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Await.ConditionAsync(() => Task.FromResult(condition()), max, interval, message, _options);
    }

    /// <summary>Waits until <paramref name="condition"/> completes with true, or fails after <paramref name="max"/>.</summary>
    public Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null) =>
        Await.ConditionAsync(condition, max, interval, message, _options);
}
