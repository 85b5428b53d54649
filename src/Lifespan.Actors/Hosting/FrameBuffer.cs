using System.Buffers;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// A connection's receive buffer, rented from the shared pool: small while frames are small, grown for a large frame
/// up to the limit and given back once that frame is read, so an idle connection holds 4 KiB, not the size limit.
/// </summary>
internal sealed class FrameBuffer(int limit) : IDisposable
{
    private const int SmallSize = 4096;
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Min(SmallSize, limit + 1));
    private byte[]? _scratch;

    /// <summary>The largest frame accepted, in bytes.</summary>
    public int Limit { get; } = limit;

    /// <summary>Where the rest of a frame over the limit is read to and dropped.</summary>
    public Memory<byte> Scratch => _scratch ??= ArrayPool<byte>.Shared.Rent(SmallSize);

    /// <summary>Room after the first <paramref name="used"/> bytes, grown (up to one byte past the limit, to see an oversized frame) when full.</summary>
    public Memory<byte> Free(int used)
    {
        if (used == _bytes.Length && _bytes.Length <= Limit)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_bytes.Length * 2, Limit + 1));
            _bytes.AsSpan(0, used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        return used < _bytes.Length ? _bytes.AsMemory(used) : Scratch;
    }

    /// <summary>The first <paramref name="length"/> bytes of the frame just read.</summary>
    public ReadOnlyMemory<byte> Frame(int length) => _bytes.AsMemory(0, length);

    /// <summary>Before the next frame: gives back what a large frame grew, so an idle connection keeps only a small buffer.</summary>
    public void Reset()
    {
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }

        if (_bytes.Length > SmallSize)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = ArrayPool<byte>.Shared.Rent(Math.Min(SmallSize, Limit + 1));
        }
    }

    public void Dispose()
    {
        if (_scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = null;
        }

        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }
}
