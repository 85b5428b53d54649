using System.Diagnostics;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// One run of a fleet: how many events were answered, in how long, and every event's round trip (Stopwatch ticks,
/// sorted); with the process's CPU time, allocations and garbage collections over the run (clients and server alike),
/// how long a work item waited for a pool thread (<see cref="PoolProbe"/>, sorted ticks) and the voluntary context
/// switches (<see cref="ContextSwitches"/>).
/// </summary>
internal sealed record RunResult(int Events, double Seconds, long[] SortedSamples, double CpuSeconds, long AllocatedBytes, int[] Collections, long[] SortedPoolDelays, long VoluntarySwitches)
{
    public double SwitchesPerEvent => (double)VoluntarySwitches / Events;

    public double EventsPerSecond => Events / Seconds;

    public double CpuMicrosecondsPerEvent => CpuSeconds * 1e6 / Events;

    public double BytesPerEvent => (double)AllocatedBytes / Events;
}

/// <summary>
/// The clients of one endpoint, connected once and kept open across runs (each owns one session or baseline
/// connection for the whole measurement). The same code drives the actor endpoint and the baseline.
/// </summary>
internal sealed class ClientFleet : IAsyncDisposable
{
    /// <summary>How many connections are opened at once (well under Kestrel's accept backlog of 512).</summary>
    private const int ConnectBatch = 50;

    private readonly LoadClient[] _clients;

    private ClientFleet(string name, LoadClient[] clients, double connectSeconds)
    {
        Name = name;
        _clients = clients;
        ConnectSeconds = connectSeconds;
    }

    public string Name { get; }

    /// <summary>How long opening every connection and its hello took.</summary>
    public double ConnectSeconds { get; }

    public int Count => _clients.Length;

    public static async Task<ClientFleet> ConnectAsync(string name, Uri uri, int count, CancellationToken cancellationToken)
    {
        var clients = new List<LoadClient>(count);
        var start = Stopwatch.GetTimestamp();
        try
        {
            for (var from = 0; from < count; from += ConnectBatch)
            {
                var batch = Enumerable.Range(from, Math.Min(ConnectBatch, count - from)).Select(_ => LoadClient.ConnectAsync(uri, cancellationToken)).ToArray();
                try
                {
                    await Task.WhenAll(batch);
                }
                finally
                {
                    clients.AddRange(batch.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                }
            }
        }
        catch
        {
            clients.ForEach(c => c.Dispose());
            throw;
        }

        return new ClientFleet(name, [.. clients], Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>
    /// Every client runs <paramref name="plan"/> at once; the run lasts until the last client has its last delta.
    /// Paced clients start at phases spread evenly over one interval, so the sends do not come in bursts.
    /// </summary>
    public async Task<RunResult> RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(plan.Duration.TotalSeconds * Stopwatch.Frequency);
        var switches = ContextSwitches.Read().Voluntary;
        var probe = PoolProbe.Start(stopAt, cancellationToken);
        var runs = new Task[_clients.Length];
        for (var i = 0; i < _clients.Length; i++)
        {
            var phase = plan.Interval * ((double)i / _clients.Length);
            runs[i] = _clients[i].RunAsync(plan, start, stopAt, phase, cancellationToken);
        }

        await Task.WhenAll(runs);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        switches = ContextSwitches.Read().Voluntary - switches;
        var poolDelays = probe.Finish();
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        for (var g = 0; g < collections.Length; g++)
        {
            collections[g] = GC.CollectionCount(g) - collections[g];
        }

        var samples = new long[_clients.Sum(c => c.Samples.Count)];
        var at = 0;
        foreach (var client in _clients)
        {
            client.Samples.CopyTo(samples, at);
            at += client.Samples.Count;
        }

        Array.Sort(samples);
        return new RunResult(samples.Length, seconds, samples, cpuSeconds, allocated, collections, poolDelays, switches);
    }

    /// <summary>Closes every connection cleanly (normal closure, waiting for the server's close frame).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_clients.Select(c => c.CloseAsync(cancellationToken)));

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
