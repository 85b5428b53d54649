using System.Diagnostics;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// How long a work item waits in the thread pool's global queue during a run: a dedicated thread (not a pool thread)
/// queues one item every millisecond and records the time until it starts. Every hop of an event through an actor's
/// mailbox (and the baseline's socket continuations) waits in that queue, so this says what one hop costs in waiting
/// under each subject's load.
/// </summary>
internal sealed class PoolProbe
{
    private readonly List<long> _delays = new(16_384);
    private readonly long _stopAt;
    private readonly CancellationToken _cancellationToken;
    private readonly Thread _thread;
    private Exception? _error;
    private volatile bool _stopped;   // thrown by Finish: an exception on the probe's own thread would end the process

    private PoolProbe(long stopAt, CancellationToken cancellationToken)
    {
        _stopAt = stopAt;
        _cancellationToken = cancellationToken;
        _thread = new Thread(Run) { IsBackground = true, Name = "pool-probe" };
    }

    /// <summary>Starts probing until <paramref name="stopAt"/> (a Stopwatch timestamp) or <see cref="Finish"/>.</summary>
    public static PoolProbe Start(long stopAt, CancellationToken cancellationToken)
    {
        var probe = new PoolProbe(stopAt, cancellationToken);
        probe._thread.Start();
        return probe;
    }

    /// <summary>Stops the probe, waits for its thread to end and returns the recorded delays (Stopwatch ticks), sorted.</summary>
    public long[] Finish()
    {
        _stopped = true;
        if (!_thread.Join(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("The thread-pool probe did not end.");
        }

        if (_error is not null)
        {
            throw new InvalidOperationException("The thread-pool probe failed.", _error);
        }

        var sorted = _delays.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private void Run()
    {
        try
        {
            Probe();
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _error = ex;
        }
    }

    private void Probe()
    {
        using var started = new ManualResetEventSlim();
        long ranAt = 0;
        var item = new WorkItem(() => { Volatile.Write(ref ranAt, Stopwatch.GetTimestamp()); started.Set(); });
        while (!_stopped && Stopwatch.GetTimestamp() < _stopAt && !_cancellationToken.IsCancellationRequested)
        {
            started.Reset();
            var queuedAt = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
            if (!started.Wait(TimeSpan.FromSeconds(30), _cancellationToken))
            {
                throw new TimeoutException("A probe work item waited 30 s for a pool thread.");
            }

            _delays.Add(Volatile.Read(ref ranAt) - queuedAt);
            Thread.Sleep(1);   // a dedicated thread, not a pool thread: sleeping here holds up no work
        }
    }

    private sealed class WorkItem(Action run) : IThreadPoolWorkItem
    {
        public void Execute() => run();
    }
}
