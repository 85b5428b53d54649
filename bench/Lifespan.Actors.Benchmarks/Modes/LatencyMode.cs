using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Lifespan.Actors.Benchmarks.Infrastructure;

namespace Lifespan.Actors.Benchmarks.Modes;

/// <summary>
/// Round-trip latency of Akka's <c>Ask</c> against a bare request/response: a request written to an unbounded channel that a
/// responder task drains, answered by completing the request's <see cref="TaskCompletionSource{TResult}"/>.
/// Round trips are sequential (one outstanding at a time), timed one by one with <see cref="Stopwatch.GetTimestamp"/>
/// after a warm-up, in alternating blocks so that noise on a shared machine hits every subject alike.
/// </summary>
internal static class LatencyMode
{
    public const int DefaultCount = 100_000;
    private const int Blocks = 10;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(int count, int warmup)
    {
        Console.WriteLine($"## Ask round-trip latency ({count:N0} sequential round trips per subject, {warmup:N0} warm-up)");
        Console.WriteLine();

        var system = ActorSystem.Create("latency", "akka.loglevel = WARNING");
        var requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
        var responder = Task.Run(() => Respond(requests.Reader));
        try
        {
            var echo = system.ActorOf(Props.Create(() => new EchoActor()), "echo");
            var subjects = new Subject[]
            {
                new("Channel request + TaskCompletionSource reply (baseline)", n => BareRoundTrips(requests.Writer, n, withTimeout: false), count),
                new("Same, awaited with WaitAsync(timeout)", n => BareRoundTrips(requests.Writer, n, withTimeout: true), count),
                new("Actor Ask<T>(message, timeout), reply via Sender.Tell", n => AskRoundTrips(echo, n), count),
            };

            foreach (var subject in subjects)
            {
                await RunBlock(subject, warmup, record: false);
            }

            var perBlock = Math.Max(1, count / Blocks);
            for (var block = 0; block < Blocks; block++)
            {
                // Rotate the order so that no subject always runs right after another one's garbage.
                for (var k = 0; k < subjects.Length; k++)
                {
                    await RunBlock(subjects[(block + k) % subjects.Length], perBlock, record: true);
                }
            }

            var baseline = subjects[0].Stats();
            Console.WriteLine("| Round trip | Samples | p50 (ns) | p90 (ns) | p99 (ns) | p99.9 (ns) | Mean (ns) | p50 ratio | p99 ratio | Mean ratio |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var subject in subjects)
            {
                var s = subject.Stats();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {subject.Name} | {s.Count:N0} | {s.P50:N0} | {s.P90:N0} | {s.P99:N0} | {s.P999:N0} | {s.Mean:N0} | {s.P50 / baseline.P50:0.00}x | {s.P99 / baseline.P99:0.00}x | {s.Mean / baseline.Mean:0.00}x |"));
            }

            Console.WriteLine();
        }
        finally
        {
            requests.Writer.Complete();
            await responder.WaitAsync(BenchScale.Deadline);
            await system.Terminate().WaitAsync(BenchScale.Deadline);
        }
    }

    private static async Task RunBlock(Subject subject, int n, bool record)
    {
        var run = Task.Run(() => subject.Run(n));
        long[] samples;
        try
        {
            samples = await run.WaitAsync(BenchScale.Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{subject.Name}: {n} round trips did not finish within {BenchScale.Deadline}.", ex);
        }

        if (record)
        {
            subject.Add(samples);
        }
    }

    private static async Task<long[]> AskRoundTrips(IActorRef echo, int n)
    {
        var samples = new long[n];
        var ping = new Ping(0);
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = await echo.Ask<Ping>(ping, AskTimeout);
            samples[i] = Stopwatch.GetTimestamp() - start;
            if (!ReferenceEquals(reply, ping))
            {
                throw new InvalidOperationException("The echo actor replied with another message.");
            }
        }

        return samples;
    }

    private static async Task<long[]> BareRoundTrips(ChannelWriter<Request> requests, int n, bool withTimeout)
    {
        var samples = new long[n];
        var ping = new Ping(0);
        for (var i = 0; i < n; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!requests.TryWrite(new Request(ping, reply)))
            {
                throw new InvalidOperationException("The request channel is closed.");
            }

            var answer = withTimeout ? await reply.Task.WaitAsync(AskTimeout) : await reply.Task;
            samples[i] = Stopwatch.GetTimestamp() - start;
            if (!ReferenceEquals(answer, ping))
            {
                throw new InvalidOperationException("The responder replied with another message.");
            }
        }

        return samples;
    }

    private static async Task Respond(ChannelReader<Request> requests)
    {
        while (await requests.WaitToReadAsync())
        {
            while (requests.TryRead(out var request))
            {
                request.Reply.TrySetResult(request.Message);
            }
        }
    }

    private sealed record Ping(int Id);

    private sealed record Request(object Message, TaskCompletionSource<object> Reply);

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<Ping>(ping => Sender.Tell(ping));
    }

    private sealed class Subject(string name, Func<int, Task<long[]>> run, int capacity)
    {
        private readonly List<long> _samples = new(capacity);

        public string Name { get; } = name;

        public Task<long[]> Run(int n) => run(n);

        public void Add(long[] samples) => _samples.AddRange(samples);

        public Stats Stats()
        {
            if (_samples.Count == 0)
            {
                throw new InvalidOperationException($"{Name}: no samples.");
            }

            var sorted = _samples.ToArray();
            Array.Sort(sorted);
            double Nanos(double ticks) => ticks * 1_000_000_000.0 / Stopwatch.Frequency;
            double At(double q) => Nanos(sorted[(int)Math.Round(q * (sorted.Length - 1))]);
            return new Stats(sorted.Length, At(0.50), At(0.90), At(0.99), At(0.999), Nanos(sorted.Average()));
        }
    }

    private readonly record struct Stats(int Count, double P50, double P90, double P99, double P999, double Mean);
}
