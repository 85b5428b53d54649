using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconSizeTests
{
    public static TheoryData<string, long> Valid => new()
    {
        { "10", 10 },
        { "10B", 10 },
        { "10 b", 10 },
        { "1 byte", 1 },
        { "3 bytes", 3 },
        { "512k", 512 * 1024 },
        { "512K", 512 * 1024 },
        { "512Ki", 512 * 1024 },
        { "512KiB", 512 * 1024 },
        { "2 kibibytes", 2048 },
        { "1kB", 1000 },
        { "2 kilobytes", 2000 },
        { "1MB", 1_000_000 },
        { "1 megabyte", 1_000_000 },
        { "1m", 1024 * 1024 },
        { "1M", 1024 * 1024 },
        { "1MiB", 1024 * 1024 },
        { "1 mebibyte", 1024 * 1024 },
        { "1.5G", 1024L * 1024 * 1024 * 3 / 2 },
        { "1GB", 1_000_000_000 },
        { "2GiB", 2L * 1024 * 1024 * 1024 },
        { "1TB", 1_000_000_000_000 },
        { "1t", 1L << 40 },
        { "1PiB", 1L << 50 },
        { "1 EB", 1_000_000_000_000_000_000 },
        { "1e", 1L << 60 },
        { "0.5KiB", 512 },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_numbers_with_units(string text, long bytes) => Assert.Equal(bytes, HoconSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("KiB")]
    [InlineData("10 KB")]
    [InlineData("10 kb")]
    [InlineData("10 lightyears")]
    [InlineData("ten bytes")]
    [InlineData("16E")]
    [InlineData("1 ZB")]
    [InlineData("1YiB")]
    public void Rejects_malformed_or_out_of_range_values_listing_the_units(string text)
    {
        var ex = Assert.Throws<FormatException>(() => HoconSize.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("kB, MB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KiB", ex.Message, StringComparison.Ordinal);
        Assert.False(HoconSize.TryParse(text, out _));
    }
}
