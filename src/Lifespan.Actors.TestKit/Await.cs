namespace Lifespan.Actors.TestKit;

/// <summary>Conditions and assertions awaited with a deadline, and blocks that must finish within one.</summary>
internal static class Await
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(20);

    public static async Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> body, TestKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limit = options.Dilate(max);
        var start = DateTimeOffset.UtcNow;
        var outer = Deadline.Current;
        var deadline = start + limit;
        var block = new WithinBlock(outer is { } o && o.End < deadline ? o.End : deadline);
        Deadline.Current = block;
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            Deadline.Current = outer;
            Deadline.LastWasNoMessage(block.LastWasNoMessage);   // an enclosing block ends the way this one did
        }

        var elapsed = DateTimeOffset.UtcNow - start;
        if (elapsed > limit && !block.LastWasNoMessage)
        {
            throw new TestKitException($"Expected the block to finish within {limit} but it took {elapsed}.");
        }

        if (elapsed < min)
        {
            throw new TestKitException($"Expected the block to take at least {min} but it took {elapsed}.");
        }
    }

    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? duration, TimeSpan? interval, TestKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var wait = Deadline.Resolve(duration, options);
        var deadline = Deadline.After(wait);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                // not yet: try again after the interval
            }
            catch (Exception ex)
            {
                throw new TestKitException($"The assertion still failed after {wait}: {ex.Message}", ex);
            }

            await Task.Delay(Min(interval ?? DefaultInterval, Deadline.Until(deadline))).ConfigureAwait(false);
        }
    }

    public static async Task ConditionAsync(Func<Task<bool>> condition, TimeSpan? max, TimeSpan? interval, string? message, TestKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = Deadline.Resolve(max, options);
        var deadline = Deadline.After(wait);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TestKitException($"The condition{(message is null ? string.Empty : $" ({message})")} was not met within {wait}.");
            }

            await Task.Delay(Min(interval ?? DefaultInterval, Deadline.Until(deadline))).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => b == Timeout.InfiniteTimeSpan ? a : b < TimeSpan.Zero ? TimeSpan.Zero : a < b ? a : b;
}
