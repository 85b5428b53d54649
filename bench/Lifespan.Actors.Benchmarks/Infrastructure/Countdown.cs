namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>Completes <see cref="Task"/> when <see cref="Signal"/> has been called the expected number of times.</summary>
internal sealed class Countdown
{
    private int _remaining;
    private TaskCompletionSource _done = NewSource();

    public Task Task => _done.Task;

    /// <summary>Arms the countdown for <paramref name="count"/> signals (call only when no signal is in flight).</summary>
    public void Reset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _done = NewSource();
        Volatile.Write(ref _remaining, count);
    }

    public void Signal()
    {
        var left = Interlocked.Decrement(ref _remaining);
        if (left == 0)
        {
            _done.TrySetResult();
        }
        else if (left < 0)
        {
            _done.TrySetException(new InvalidOperationException("The countdown was signalled more times than it was armed for."));
        }
    }

    /// <summary>Waits for the countdown, failing after <see cref="BenchScale.Deadline"/> instead of hanging.</summary>
    public Task WaitAsync(string what) => WaitCore(_done.Task, what, Volatile.Read(ref _remaining));

    private static async Task WaitCore(Task task, string what, int remainingAtStart)
    {
        try
        {
            await task.WaitAsync(BenchScale.Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{what}: not done within {BenchScale.Deadline} ({remainingAtStart} outstanding when the wait began).", ex);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
