using System.Threading.Channels;

namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>
/// The baseline "actor" without a kernel: an unbounded single-reader channel drained by a reader task.
/// Starting it queues the reader on the thread pool (as an actor's start does); completing the channel stops it.
/// </summary>
internal static class HandRolledActor
{
    private static readonly UnboundedChannelOptions s_options = new() { SingleReader = true };

    public static Channel<object> CreateChannel() => Channel.CreateUnbounded<object>(s_options);

    /// <summary>Starts a reader task on the pool; <paramref name="started"/> is signalled when it is about to wait for messages.</summary>
    public static Task Start(ChannelReader<object> reader, Countdown? started, Countdown? stopped) =>
        Task.Run(() => ReadLoop(reader, started, stopped));

    /// <summary>The leanest form: the reader's async method called directly (no pool hop, no Task.Run wrappers).</summary>
    public static Task StartInline(ChannelReader<object> reader, Countdown? started, Countdown? stopped) =>
        ReadLoop(reader, started, stopped);

    private static async Task ReadLoop(ChannelReader<object> reader, Countdown? started, Countdown? stopped)
    {
        started?.Signal();
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
            }
        }

        stopped?.Signal();
    }
}
