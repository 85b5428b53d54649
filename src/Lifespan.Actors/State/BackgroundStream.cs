
namespace Lifespan.Actors.State;

/// <summary>
/// Runs a background task that is an async stream, so that a lock held at a <c>yield</c> is still held by the code
/// after it, as Reflex keeps <c>async with self</c> across a <c>yield</c>. Each yielded event is queued in the session
/// at once; while the lock is held it waits there, behind the lock, and runs once the block ends.
/// </summary>
/// <remarks>
/// The lock a flow holds is an <see cref="AsyncLocal{T}"/> (<see cref="StateLock.Current"/>), and an async iterator
/// resumes after a yield in the execution context of whoever asks for its next item. Left alone, the code after the
/// yield would not hold the lock: its writes would be refused and a nested <see cref="State.LockAsync"/> would wait
/// for itself. So the driver reads the lock where the stream yields and puts it back before asking for the next item.
/// </remarks>
internal static class BackgroundStream
{
    private static readonly AsyncLocal<BackgroundContext?> s_driven = new();   // in the stream's context: which task drives it

    /// <summary>Runs <paramref name="stream"/> to its end, queuing the events it yields in the task's session.</summary>
    public static async Task RunAsync(IAsyncEnumerable<StateEvent?> stream, BackgroundContext background, string origin, CancellationToken cancellationToken)
    {
        s_driven.Value = background;
        StateLock? held = null;   // the lock the stream's flow held at its last yield
        var items = stream.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                (more, held) = await NextAsync(items, background, held).ConfigureAwait(false);
                if (!more)
                {
                    break;
                }

                held?.Flush();   // a yield inside the lock's block sends what changed so far, and keeps the lock
                if (items.Current is { } next)
                {
                    background.Session.Tell(new EnqueueEvents([next], origin));
                }
            }
        }
        finally
        {
            StateLock.Current = StillHeld(held);   // the stream's finally blocks run in DisposeAsync
            await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Asks for the next item: whether there is one, and the lock the stream's flow holds where it yielded it.</summary>
    private static ValueTask<(bool More, StateLock? Held)> NextAsync(IAsyncEnumerator<StateEvent?> items, BackgroundContext background, StateLock? held)
    {
        StateLock.Current = StillHeld(held);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        background.Step = seen;
        try
        {
            var step = items.MoveNextAsync();
            if (step.IsCompleted)
            {
                // No lock was handed to a flow meanwhile (BackgroundContext.Step held it back), so the stream still
                // holds the one it was given, unless it has left that lock's block.
                return new((step.Result, StillHeld(held)));
            }

            // An async iterator completes the step at its yield, in its own context, and runs a continuation
            // registered without the caller's context right there: there, the lock its flow holds can be read. A
            // step that completed before the continuation was registered runs it from the pool, in the default
            // context; it completed while no lock could be handed out, as one that completes at once.
            var next = new TaskCompletionSource<(bool, StateLock?)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var awaiter = step.ConfigureAwait(false).GetAwaiter();
            awaiter.UnsafeOnCompleted(() =>
            {
                var current = ReferenceEquals(s_driven.Value, background) ? StateLock.Current : StillHeld(held);
                try
                {
                    next.SetResult((awaiter.GetResult(), current));
                }
                catch (Exception ex)
                {
                    next.SetException(ex);
                }
            });
            return new(next.Task);
        }
        finally
        {
            background.Step = null;
            seen.SetResult();
        }
    }

    private static StateLock? StillHeld(StateLock? held) => held is { IsHeld: true } ? held : null;
}
