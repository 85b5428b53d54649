using System.Buffers.Binary;
using System.IO.Compression;

namespace Demo.Host.Tests.Browser;

/// <summary>Just enough of a PNG decoder to tell a blank screenshot from a page: 8-bit RGB or RGBA, not interlaced.</summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private PngImage(int width, int height, uint[] pixels) => (Width, Height, Pixels) = (width, height, pixels);

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels as 0xRRGGBB, row by row (alpha is dropped).</summary>
    public uint[] Pixels { get; }

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file: the signature is missing.");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (depth, color, interlace) = (data[8], data[9], data[12]);
                    channels = color switch { 2 => 3, 6 => 4, _ => 0 };
                    if (depth != 8 || channels == 0 || interlace != 0)
                    {
                        throw new NotSupportedException($"PNG with bit depth {depth}, color type {color}, interlace {interlace} is not supported (8-bit RGB or RGBA only).");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, Unfilter(inflated.GetBuffer().AsSpan(0, (int)inflated.Length), width, height, channels));
    }

    /// <summary>The share of pixels that differ from the most common colour (the background).</summary>
    public double ShareNotBackground()
    {
        var counts = new Dictionary<uint, int>();
        foreach (var p in Pixels)
        {
            counts[p] = counts.GetValueOrDefault(p) + 1;
        }

        return 1.0 - (counts.Values.Max() / (double)Pixels.Length);
    }

    /// <summary>How many different colours the image has.</summary>
    public int DistinctColours() => Pixels.Distinct().Count();

    private static uint[] Unfilter(ReadOnlySpan<byte> data, int width, int height, int channels)
    {
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new uint[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = data.Slice(y * (stride + 1), stride + 1);
            var filter = row[0];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? current[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                current[x] = (byte)(row[x + 1] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter} in row {y}."),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var i = x * channels;
                pixels[(y * width) + x] = ((uint)current[i] << 16) | ((uint)current[i + 1] << 8) | current[i + 2];
            }

            (previous, current) = (current, previous);
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
