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
    public static TimeSpan Resolve(TimeSpan? explicitTimeout, TestKitOptions options)
    {
        if (explicitTimeout == Timeout.InfiniteTimeSpan)
        {
            return Remaining ?? Timeout.InfiniteTimeSpan;   // no deadline of its own; an enclosing block's still holds
        }

        var remaining = Remaining;
        var timeout = explicitTimeout is { } t ? options.Dilate(t) : remaining ?? options.Dilate(options.DefaultTimeout);
        return remaining is { } r && r < timeout ? r : timeout;
    }
}
