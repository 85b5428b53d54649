using System.Collections.Concurrent;
using System.Diagnostics;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>
/// The state the session benchmarks drive: one public counter, a synchronous handler and a background task that
/// takes the session lock in a loop. The source generator implements <see cref="Count"/> and the <c>Events</c> class.
/// </summary>
public partial class BenchState : global::Lifespan.Actors.State.State
{
    /// <summary>Where a running <see cref="Locker"/> records its round trips and reports completion, by session token.</summary>
    public static readonly ConcurrentDictionary<string, LockRun> LockRuns = new();

    public partial int Count { get; set; }

    public void Increment() => Count++;

    /// <summary>Takes the session lock <paramref name="times"/> times, increments under it and times each round trip.</summary>
    [BackgroundTask]
    public async Task Locker(int times, CancellationToken cancellationToken)
    {
        if (!LockRuns.TryGetValue(ClientToken ?? string.Empty, out var run))
        {
            throw new InvalidOperationException("No LockRun registered for this session.");
        }

        try
        {
            var samples = run.Samples;
            for (var i = 0; i < times; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await using (await LockAsync(cancellationToken))
                {
                    Count++;
                }

                if (i < samples.Length)
                {
                    samples[i] = Stopwatch.GetTimestamp() - start;
                }
            }

            run.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            run.Done.TrySetException(ex);
            throw;
        }
    }
}

/// <summary>One run of <see cref="BenchState.Locker"/>: its samples (Stopwatch ticks per lock round trip) and completion.</summary>
public sealed class LockRun(int times)
{
    public long[] Samples { get; } = new long[times];

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
