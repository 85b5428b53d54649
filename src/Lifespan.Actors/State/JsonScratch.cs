using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>
/// A per-thread reusable buffer and <see cref="Utf8JsonWriter"/> for writing a state's JSON, so that a delta costs
/// only its final string. A nested use on the same thread (a converter that writes another state) gets a fresh pair.
/// </summary>
internal sealed class JsonScratch : IDisposable
{
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private bool _inUse;

    private JsonScratch() => Writer = new Utf8JsonWriter(_buffer);

    /// <summary>The writer; it writes into this scratch's buffer.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>A scratch with an empty buffer; dispose it when done.</summary>
    public static JsonScratch Rent()
    {
        var scratch = t_cached;
        if (scratch is null || scratch._inUse)
        {
            scratch = new JsonScratch();
            t_cached ??= scratch;
        }

        scratch._inUse = true;
        scratch._buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch._buffer);
        return scratch;
    }

    /// <summary>What has been written, as a string (flushes the writer first).</summary>
    public string ToStringAndFlush()
    {
        Writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>Gives the scratch back; a buffer that grew large is dropped rather than kept for the thread's lifetime.</summary>
    public void Dispose()
    {
        _inUse = false;
        if (_buffer.Capacity > MaxRetainedBytes && ReferenceEquals(t_cached, this))
        {
            t_cached = null;
        }
    }
}
