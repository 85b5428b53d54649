using System.Diagnostics;
using System.Globalization;
using Akka.Hosting;
using Lifespan.Actors.Benchmarks.Infrastructure;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Benchmarks.Lifespan;

/// <summary>
/// Generic Host start and stop with N lifespan tasks (<c>AddLifespanActors</c> + <c>AddAkka(..., AddLifespanActors)</c>)
/// against the same host with N plain <see cref="BackgroundService"/>s, and the latency from a stop request to a task
/// observing its cancellation. A third subject, N <see cref="BackgroundService"/>s beside an empty Akka.Hosting
/// <see cref="ActorSystem"/>, says how much of the difference is the actor system's own start and stop. Rounds
/// alternate between the subjects (the order rotating) so that noise on a shared machine hits all alike; the figures
/// are medians.
/// </summary>
internal static class LifespanMode
{
    public const int DefaultRounds = 11;
    public static readonly int[] DefaultCounts = [1, 100, 1000];

    private enum Subject
    {
        BackgroundServices,
        BackgroundServicesAndActorSystem,
        LifespanTasks,
    }

    private static readonly (Subject Subject, string Name)[] s_subjects =
    [
        (Subject.BackgroundServices, "BackgroundService × N (baseline)"),
        (Subject.BackgroundServicesAndActorSystem, "BackgroundService × N + an empty AddAkka ActorSystem"),
        (Subject.LifespanTasks, "RegisterLifespanTask × N (AddLifespanActors + AddAkka)"),
    ];

    public static async Task RunAsync(int[] counts, int rounds)
    {
        Console.WriteLine($"## Lifespan: Generic Host start and stop ({rounds} alternating rounds per row, medians)");
        Console.WriteLine();
        Console.WriteLine("| Tasks | Subject | Start (ms) | Stop (ms) | Start ratio | Stop ratio | Stop request → first cancellation seen (µs) | → last (µs) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var n in counts)
        {
            var samples = s_subjects.Select(_ => new List<Sample>()).ToArray();
            foreach (var (subject, _) in s_subjects)
            {
                await MeasureAsync(n, subject);   // warm-up, not recorded
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < s_subjects.Length; k++)
                {
                    var i = (round + k) % s_subjects.Length;
                    samples[i].Add(await MeasureAsync(n, s_subjects[i].Subject));
                }
            }

            var baseline = Sample.Median(samples[0]);
            for (var i = 0; i < s_subjects.Length; i++)
            {
                Console.WriteLine(Row(n, s_subjects[i].Name, Sample.Median(samples[i]), baseline));
            }
        }

        Console.WriteLine();
    }

    private static string Row(int n, string subject, Sample s, Sample baseline) => string.Create(CultureInfo.InvariantCulture,
        $"| {n:N0} | {subject} | {s.StartMs:0.0} | {s.StopMs:0.0} | {s.StartMs / baseline.StartMs:0.00}x | {s.StopMs / baseline.StopMs:0.00}x | {s.FirstCancelUs:N0} | {s.LastCancelUs:N0} |");

    private static async Task<Sample> MeasureAsync(int n, Subject subject)
    {
        var observed = new long[n];
        var started = new Countdown();
        started.Reset(n);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (subject == Subject.LifespanTasks)
        {
            builder.Services.AddLifespanActors(a =>
            {
                for (var i = 0; i < n; i++)
                {
                    var index = i;
                    a.RegisterLifespanTask((CancellationToken stopping) => Worker(index, observed, started, stopping), options: new LifespanTaskOptions { Name = $"task-{i}" });
                }
            });
            builder.Services.AddAkka("bench", (akka, services) => Quiet(akka).AddLifespanActors(services));
        }
        else
        {
            if (subject == Subject.BackgroundServicesAndActorSystem)
            {
                // Registered first, so stopped last: the services are cancelled as in the baseline, then Akka stops.
                builder.Services.AddAkka("bench", (akka, _) => Quiet(akka));
            }

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

    /// <summary>Akka logs warnings and worse through the host's (empty) logging, not to the console.</summary>
    private static AkkaConfigurationBuilder Quiet(AkkaConfigurationBuilder akka) => akka.ConfigureLoggers(loggers =>
    {
        loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
        loggers.ClearLoggers();
        loggers.AddLoggerFactory();
    });

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
