using Lifespan.Actors.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

public sealed class SessionEndpointOptionsTests
{
    [Theory]
    [InlineData("https://app.example")]
    [InlineData("http://localhost:5173")]
    [InlineData("https://app.example/")]
    public void Origins_written_as_a_browser_sends_them_are_valid(string origin)
    {
        var options = new SessionEndpointOptions();
        options.AllowedOrigins.Add(origin);
        options.Validate();
    }

    [Theory]
    [InlineData("app.example")]
    [InlineData("https://app.example/chat")]
    [InlineData("ws://app.example")]
    [InlineData("*")]
    public void An_allowed_origin_that_is_no_origin_is_refused_saying_how_to_write_one(string origin)
    {
        var options = new SessionEndpointOptions();
        options.AllowedOrigins.Add(origin);
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal("AllowedOrigins", ex.ParamName);
        Assert.StartsWith(
            $"AllowedOrigins entry '{origin}' is not an origin, so no browser's Origin header could match it; write it as scheme://host[:port], without a path, e.g. https://app.example.",
            ex.Message, StringComparison.Ordinal);
    }
}
