using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconDurationTests
{
    public static TheoryData<string, long> Valid => new()
    {
        { "5s", TimeSpan.TicksPerSecond * 5 },
        { "100ms", TimeSpan.TicksPerMillisecond * 100 },
        { "100", TimeSpan.TicksPerMillisecond * 100 },
        { "2 minutes", TimeSpan.TicksPerMinute * 2 },
        { "1.5h", TimeSpan.TicksPerMinute * 90 },
        { "  3 d  ", TimeSpan.TicksPerDay * 3 },
        { "1 day", TimeSpan.TicksPerDay },
        { "1 hour", TimeSpan.TicksPerHour },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "1 second", TimeSpan.TicksPerSecond },
        { "10 seconds", TimeSpan.TicksPerSecond * 10 },
        { "250 millis", TimeSpan.TicksPerMillisecond * 250 },
        { "250 milliseconds", TimeSpan.TicksPerMillisecond * 250 },
        { "7us", 70 },
        { "7 micros", 70 },
        { "7 microseconds", 70 },
        { "500ns", 5 },
        { "500 nanoseconds", 5 },
        { "150ns", 1 },
        { "-2s", -TimeSpan.TicksPerSecond * 2 },
        { "1e3ms", TimeSpan.TicksPerSecond },
        { "00:00:05", TimeSpan.TicksPerSecond * 5 },
        { "1.02:03:04", TimeSpan.TicksPerDay + (TimeSpan.TicksPerHour * 2) + (TimeSpan.TicksPerMinute * 3) + (TimeSpan.TicksPerSecond * 4) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_numbers_with_units(string text, long ticks) => Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("s")]
    [InlineData("5 fortnights")]
    [InlineData("5S")]
    [InlineData("5 sec")]
    [InlineData("five seconds")]
    [InlineData("5s 3ms")]
    [InlineData("1.s")]
    [InlineData("99:99:99:99")]
    [InlineData("999999999999 days")]
    public void Rejects_malformed_values_naming_the_value_and_the_accepted_units(string text)
    {
        var ex = Assert.Throws<FormatException>(() => HoconDuration.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ms, s, m, h, d", ex.Message, StringComparison.Ordinal);
        Assert.False(HoconDuration.TryParse(text, out _));
    }

    [Fact]
    public void Try_parse_rejects_null() => Assert.False(HoconDuration.TryParse(null, out _));
}
