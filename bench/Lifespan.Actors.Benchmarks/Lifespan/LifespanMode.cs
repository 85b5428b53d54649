using System.Diagnostics;
using System.Globalization;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Benchmarks.Lifespan;

/// <summary>
/// Host start and stop with N lifespan tasks against the same host with N plain <see cref="BackgroundService"/>s,
/// and the latency from a shutdown request to a task observing its cancellation. Rounds alternate between the two
/// subjects so that noise on a shared machine hits both alike; the figures are medians.
/// </summary>
internal static class LifespanMode
{
    public static readonly int[] DefaultCounts = [1, 100, 1000];

    public static async Task RunAsync(int[] counts, int rounds)
    {
        Console.WriteLine($"## Lifespan: host start and stop ({rounds} alternating rounds per row, medians)");
        Console.WriteLine();
        Console.WriteLine("| Tasks | Subject | Start (ms) | Stop (ms) | Start ratio | Stop ratio | Stop request → first cancellation seen (µs) | → last (µs) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var n in counts)
        {
            var lifespan = new List<Sample>();
            var hosted = new List<Sample>();
            await MeasureAsync(n, useLifespan: true);   // warm-up, not recorded
            await MeasureAsync(n, useLifespan: false);
            for (var round = 0; round < rounds; round++)
            {
                lifespan.Add(await MeasureAsync(n, useLifespan: true));
                hosted.Add(await MeasureAsync(n, useLifespan: false));
            }

            var (l, h) = (Sample.Median(lifespan), Sample.Median(hosted));
            Console.WriteLine(Row(n, "BackgroundService × N (baseline)", h, h));
            Console.WriteLine(Row(n, "RegisterLifespanTask × N", l, h));
        }

        Console.WriteLine();
    }

    private static string Row(int n, string subject, Sample s, Sample baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {n:N0} | {subject} | {s.StartMs:0.0} | {s.StopMs:0.0} | {s.StartMs / baseline.StartMs:0.00}x | {s.StopMs / baseline.StopMs:0.00}x | {s.FirstCancelUs:N0} | {s.LastCancelUs:N0} |");

    private static async Task<Sample> MeasureAsync(int n, bool useLifespan)
    {
        var observed = new long[n];
        var started = new Countdown();
        started.Reset(n);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (useLifespan)
        {
            builder.Services.AddLifespanActors(a =>
            {
                a.SystemName = "bench";
                for (var i = 0; i < n; i++)
                {
                    var index = i;
                    a.RegisterLifespanTask((CancellationToken stopping) => Worker(index, observed, started, stopping), options: new LifespanTaskOptions { Name = $"task-{i}" });
                }
            });
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                var index = i;
                builder.Services.AddSingleton<IHostedService>(_ => new PlainWorker(index, observed, started));
            }
        }

        using var host = builder.Build();
        using var deadline = new CancellationTokenSource(BenchScale.Deadline);
        var t0 = Stopwatch.GetTimestamp();
        await host.StartAsync(deadline.Token);
        await started.WaitAsync("every task running");
        var t1 = Stopwatch.GetTimestamp();
        await host.StopAsync(deadline.Token);
        var t2 = Stopwatch.GetTimestamp();

        var seen = observed.Where(o => o != 0).ToArray();
        return new Sample(
            Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds,
            Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds,
            seen.Length == 0 ? double.NaN : Stopwatch.GetElapsedTime(t1, seen.Min()).TotalMicroseconds,
            seen.Length == 0 ? double.NaN : Stopwatch.GetElapsedTime(t1, seen.Max()).TotalMicroseconds);
    }

    private static async Task Worker(int index, long[] observed, Countdown started, CancellationToken stopping)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stopping.Register(() => { observed[index] = Stopwatch.GetTimestamp(); cancelled.TrySetResult(); }))
        {
            started.Signal();
            await cancelled.Task;
        }
    }

    private sealed class PlainWorker(int index, long[] observed, Countdown started) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Worker(index, observed, started, stoppingToken);
    }

    private readonly record struct Sample(double StartMs, double StopMs, double FirstCancelUs, double LastCancelUs)
    {
        public static Sample Median(List<Sample> samples)
        {
            static double M(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted[sorted.Length / 2];
            }

            return new Sample(M(samples.Select(s => s.StartMs)), M(samples.Select(s => s.StopMs)), M(samples.Select(s => s.FirstCancelUs)), M(samples.Select(s => s.LastCancelUs)));
        }
    }
}
