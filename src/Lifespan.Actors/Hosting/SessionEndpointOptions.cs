
namespace Lifespan.Actors.Hosting;

/// <summary>Options of the WebSocket session endpoint (<see cref="SessionEndpointExtensions.MapLifespanSessions"/>).</summary>
public sealed class SessionEndpointOptions
{
    /// <summary>The largest frame a client may send, in bytes; a larger one is answered with an error and dropped. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How many frames a connection may send per second on average. Default 50.</summary>
    public int FramesPerSecond { get; set; } = 50;

    /// <summary>How many frames a connection may send in a burst above <see cref="FramesPerSecond"/>. Default 100.</summary>
    public int FrameBurst { get; set; } = 100;

    /// <summary>How many frames may wait to be sent to a slow client before it is disconnected (it resumes with the full state). Default 1,000.</summary>
    public int MaxPendingFrames { get; set; } = 1_000;

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) allowed to open a connection besides the app's own. A browser upgrade from
    /// any other origin is refused with 403. Requests without an <c>Origin</c> header (non-browser clients) are allowed.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>How long a new connection may take to send its <c>hello</c>. Default 10 seconds.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range, or <see cref="ArgumentException"/>
    /// for an <see cref="AllowedOrigins"/> entry that is no origin (it could never match a browser's <c>Origin</c>).
    /// </summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 256, nameof(MaxMessageBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(FramesPerSecond, 1, nameof(FramesPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameBurst, 1, nameof(FrameBurst));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingFrames, 1, nameof(MaxPendingFrames));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HelloTimeout, TimeSpan.Zero, nameof(HelloTimeout));
        foreach (var origin in AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                throw new ArgumentException(
                    $"AllowedOrigins entry '{origin}' is not an origin, so no browser's Origin header could match it; " +
                    "write it as scheme://host[:port], without a path, e.g. https://app.example.", nameof(AllowedOrigins));
            }
        }
    }

    private static bool IsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
