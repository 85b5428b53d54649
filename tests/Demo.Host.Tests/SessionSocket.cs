using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Demo.Host.Tests;

/// <summary>A client of Demo.Host's session endpoint (<c>/_events</c>) outside a browser; every wait has a deadline.</summary>
internal sealed class SessionSocket : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket _socket = new();

    private SessionSocket()
    {
    }

    /// <summary>The token the server's hello gave.</summary>
    public string Token { get; private set; } = "";

    /// <summary>Connects to <paramref name="app"/>'s <c>/_events</c> and says hello; the session is then the server's new one.</summary>
    public static async Task<SessionSocket> OpenAsync(Uri app)
    {
        var session = new SessionSocket();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await session._socket.ConnectAsync(new UriBuilder(app) { Scheme = "ws", Path = "/_events" }.Uri, cts.Token);
            await session.SendAsync("""{"type":"hello"}""");
            var hello = await session.ReceiveAsync();
            Assert.Equal("hello", hello.GetProperty("type").GetString());
            session.Token = hello.GetProperty("token").GetString()!;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>The next text frame; fails when the server closes the connection first.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new Xunit.Sdk.XunitException($"Expected a frame, but the server closed the connection with {result.CloseStatus}.");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                return document.RootElement.Clone();
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
