using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Akka.Hosting;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>A real Kestrel on 127.0.0.1 with an ephemeral port, serving the session endpoint at <c>/_events</c>.</summary>
internal sealed class SessionTestServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private Task? _stopped;

    private SessionTestServer(WebApplication app, Uri endpoint)
    {
        App = app;
        Endpoint = endpoint;
    }

    public WebApplication App { get; }

    public Uri Endpoint { get; }

    public SessionHub Hub => App.Services.GetRequiredService<SessionHub>();

    /// <summary>Starts an app with <see cref="CounterState"/> and <see cref="LabelState"/> and the session endpoint.</summary>
    public static async Task<SessionTestServer> StartAsync(Action<SessionEndpointOptions>? endpoint = null, Action<global::Lifespan.Actors.Sessions.SessionOptions>? sessions = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services.AddLifespanActors(actors =>
        {
            actors.AddState<CounterState>().AddState<LabelState>();
            actors.ConfigureSessions = sessions;
        });
        builder.Services.AddAkka("session-test", (akka, provider) => akka.AddLifespanActors(provider));
        var app = builder.Build();
        app.MapLifespanSessions("/_events", endpoint);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SessionTestServer(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/_events"));
    }

    public async Task<SessionTestClient> ConnectAsync(string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await socket.ConnectAsync(Endpoint, cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SessionTestClient(socket);
    }

    /// <summary>Stops the app (once: later calls return the same task).</summary>
    public Task StopAsync() => _stopped ??= StopCoreAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
    }

    private async Task StopCoreAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await App.StopAsync(cts.Token);
    }
}

/// <summary>A test client of the session protocol; every wait has a deadline.</summary>
internal sealed class SessionTestClient(ClientWebSocket socket) : IDisposable
{
    /// <summary>Close status 1013, which <see cref="WebSocketCloseStatus"/> does not name.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public WebSocket Socket => socket;

    public Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
        return socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>Sends <paramref name="text"/> as a binary frame, which the protocol (text frames only) refuses.</summary>
    public Task SendBinaryAsync(string text)
    {
        using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
        return socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Binary, true, cts.Token);
    }

    public async Task<JsonElement> HelloAsync(string? token = null)
    {
        await SendAsync(token is null ? """{"type":"hello"}""" : $$"""{"type":"hello","token":"{{token}}"}""");
        var hello = await ReceiveAsync();
        Assert.Equal("hello", hello.GetProperty("type").GetString());
        return hello;
    }

    public async Task<string> ErrorAsync()
    {
        var frame = await ReceiveAsync();
        Assert.Equal("error", frame.GetProperty("type").GetString());
        return frame.GetProperty("message").GetString()!;
    }

    /// <summary>The next frame, which must be a text frame.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (frame, close) = await ReceiveFrameAsync();
        return frame ?? throw new Xunit.Sdk.XunitException($"Expected a frame, but the server closed the connection with {close}.");
    }

    /// <summary>
    /// Waits for the server's close frame, skipping nothing: a text frame before it fails the test. Answers the close
    /// and returns its status and description.
    /// </summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description)> ReceiveCloseAsync()
    {
        var (frame, _) = await ReceiveFrameAsync();
        if (frame is { } text)
        {
            throw new Xunit.Sdk.XunitException($"Expected the server to close the connection, but got {text.GetRawText()}.");
        }

        using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", cts.Token);
        }

        return (socket.CloseStatus, socket.CloseStatusDescription);
    }

    /// <summary>The next text frame, or (when the server closes) <see langword="null"/> with the close status.</summary>
    public async Task<(JsonElement? Frame, WebSocketCloseStatus? Close)> ReceiveFrameAsync()
    {
        using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, result.CloseStatus);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                return (document.RootElement.Clone(), null);
            }
        }
    }

    public void Dispose() => socket.Dispose();
}
