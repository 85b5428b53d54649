namespace Lifespan.Actors.TestKit;

/// <summary>A running <c>WithinAsync</c> block: its deadline, and whether its last expectation was that no message arrives.</summary>
internal sealed class WithinBlock(DateTimeOffset end)
{
    /// <summary>When the block's time is up (never later than an enclosing block's).</summary>
    public DateTimeOffset End { get; } = end;

    /// <summary>
    /// True when the last expectation in the block was a successful <c>ExpectNoMsgAsync</c>: that wait may use up the
    /// block's time, so the block is not failed for ending at (or just after) its deadline.
    /// </summary>
    public bool LastWasNoMessage { get; set; }
}
