namespace Lifespan.Actors.TestKit;

/// <summary>The deadline of the innermost <c>WithinAsync</c> block of this async flow, shared by the expectations inside it.</summary>
internal static class Deadline
{
    private static readonly AsyncLocal<WithinBlock?> s_current = new();

    /// <summary>The innermost running block of this async flow, if any.</summary>
    public static WithinBlock? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Records in the innermost block whether the last expectation was that no message arrives.</summary>
    public static void LastWasNoMessage(bool value)
    {
        if (s_current.Value is { } block)
        {
            block.LastWasNoMessage = value;
        }
    }

    /// <summary>The longest wait a timer takes; a longer timeout (after dilation) waits without a limit.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The moment <paramref name="wait"/> from now ends; never for an infinite wait.</summary>
    public static DateTimeOffset After(TimeSpan wait) =>
        wait == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : DateTimeOffset.UtcNow + wait;

    /// <summary>Time left until <paramref name="deadline"/> (infinite for <see cref="DateTimeOffset.MaxValue"/>), never negative.</summary>
    public static TimeSpan Until(DateTimeOffset deadline) =>
        deadline == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : (deadline - DateTimeOffset.UtcNow) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Time left in the innermost <c>WithinAsync</c>, or <see langword="null"/> outside of one.</summary>
    public static TimeSpan? Remaining =>
        Current is { } block ? (block.End - DateTimeOffset.UtcNow) is var r && r > TimeSpan.Zero ? r : TimeSpan.Zero : null;

    /// <summary>
    /// The timeout for an expectation: the explicit one (dilated), else the time left in the enclosing block,
    /// else the dilated default; never past the enclosing block's deadline.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (other than infinite).</exception>
    public static TimeSpan Resolve(TimeSpan? timeout, TestKitOptions options)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout > Longest)
        {
            return Remaining ?? Timeout.InfiniteTimeSpan;   // no deadline of its own; an enclosing block's still holds
        }

        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeout), timeout, $"A TestKit timeout must not be negative (it is {timeout}); use Timeout.InfiniteTimeSpan to wait without a limit.");
        }

        var remaining = Remaining;
        var wait = timeout is { } t ? options.Dilate(t) : remaining ?? options.Dilate(options.DefaultTimeout);
        wait = wait > Longest ? Timeout.InfiniteTimeSpan : wait;
        return remaining is { } r && (wait == Timeout.InfiniteTimeSpan || r < wait) ? r : wait;
    }
}
