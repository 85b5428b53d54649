using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.State.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>The session protocol against a real Kestrel on 127.0.0.1 with an ephemeral port.</summary>
public sealed class SessionEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLifespanActors(actors => actors.AddState<CounterState>().AddState<LabelState>());
        _app = builder.Build();
        _app.MapLifespanSessions("/_events", o =>
        {
            o.MaxMessageBytes = 1024;
            o.FramesPerSecond = 20;
            o.FrameBurst = 20;
            o.AllowedOrigins.Add("http://allowed.example");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _endpoint = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/_events");
    }

    public async Task DisposeAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Hello_issues_an_unguessable_token_with_the_state_and_events_bring_deltas()
    {
        using var client = await ConnectAsync();
        var hello = await client.HelloAsync();

        var token = hello.GetProperty("token").GetString()!;
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "==").Length >= 16);
        Assert.Equal(0, hello.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());

        await client.SendAsync("""{"type":"event","id":1,"handler":"CounterState.Add","payload":{"amount":2}}""");
        var delta = await client.ReceiveAsync();
        Assert.Equal("delta", delta.GetProperty("type").GetString());
        Assert.Equal(2, delta.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Bad_frames_get_an_error_frame_and_the_connection_stays_usable()
    {
        using var client = await ConnectAsync();
        await client.HelloAsync();

        await client.SendAsync("{not json");
        Assert.Contains("not valid JSON", await client.ErrorAsync(), StringComparison.Ordinal);
        await client.SendAsync("""{"type":"teleport"}""");
        Assert.Contains("Unknown frame type \"teleport\"", await client.ErrorAsync(), StringComparison.Ordinal);
        await client.SendAsync("""{"type":"event","id":7,"handler":"CounterState.Add","payload":{"amount":"x"}}""");
        var error = await client.ReceiveAsync();
        Assert.Equal(7, error.GetProperty("id").GetInt64());
        Assert.Equal("CounterState.Add", error.GetProperty("handler").GetString());
        Assert.Contains("argument 'amount' must be a Int32", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await client.SendAsync(new string('x', 5000));
        Assert.Contains("larger than 1024 bytes", await client.ErrorAsync(), StringComparison.Ordinal);

        await client.SendAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_event_for_a_token_the_connection_does_not_own_is_refused()
    {
        using var mine = await ConnectAsync();
        await mine.HelloAsync();
        using var other = await ConnectAsync();
        var otherToken = (await other.HelloAsync()).GetProperty("token").GetString();

        await mine.SendAsync($$"""{"type":"event","id":3,"token":"{{otherToken}}","handler":"CounterState.Increment"}""");

        Assert.Contains("does not own that session token", await mine.ErrorAsync(), StringComparison.Ordinal);
        await other.SendAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await other.ReceiveAsync()).GetProperty("type").GetString());   // no delta reached the other session
    }

    [Fact]
    public async Task Frames_over_the_rate_are_refused()
    {
        using var client = await ConnectAsync();
        await client.HelloAsync();

        for (var i = 0; i < 40; i++)
        {
            await client.SendAsync("""{"type":"ping"}""");
        }

        var replies = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            replies.Add((await client.ReceiveAsync()).GetRawText());
        }

        Assert.Contains(replies, r => r.Contains("Too many frames: at most 20 per second", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("pong", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_that_reconnects_with_its_token_gets_the_changes_made_while_it_was_away()
    {
        string token;
        using (var first = await ConnectAsync())
        {
            token = (await first.HelloAsync()).GetProperty("token").GetString()!;
            await first.SendAsync("""{"type":"event","handler":"CounterState.Add","payload":{"amount":5}}""");
            await first.ReceiveAsync();
        }

        await _app.Services.GetRequiredService<SessionHub>().ModifyStateAsync<CounterState>(token, s => s.Count += 100);

        using var again = await ConnectAsync();
        var hello = await again.HelloAsync(token);
        Assert.Equal(token, hello.GetProperty("token").GetString());
        Assert.Equal(105, hello.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Two_tabs_of_one_session_get_the_same_deltas()
    {
        using var tab1 = await ConnectAsync();
        var token = (await tab1.HelloAsync()).GetProperty("token").GetString()!;
        using var tab2 = await ConnectAsync();
        await tab2.HelloAsync(token);

        await tab1.SendAsync("""{"type":"event","handler":"LabelState.Rename","payload":{"label":"shared"}}""");

        Assert.Equal("shared", (await tab1.ReceiveAsync()).GetProperty("state").GetProperty("LabelState").GetProperty("label").GetString());
        Assert.Equal("shared", (await tab2.ReceiveAsync()).GetProperty("state").GetProperty("LabelState").GetProperty("label").GetString());
    }

    [Fact]
    public async Task An_upgrade_from_a_foreign_origin_is_refused_and_an_allowed_one_accepted()
    {
        var error = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync("http://evil.example"));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);

        using var allowed = await ConnectAsync("http://allowed.example");
        await allowed.HelloAsync();
    }

    private async Task<Client> ConnectAsync(string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await socket.ConnectAsync(_endpoint, cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new Client(socket);
    }

    private sealed class Client(ClientWebSocket socket) : IDisposable
    {
        public Task SendAsync(string text)
        {
            using var cts = new CancellationTokenSource(Timeout);
            return socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
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

        public async Task<JsonElement> ReceiveAsync()
        {
            using var cts = new CancellationTokenSource(Timeout);
            var buffer = new byte[64 * 1024];
            var length = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), cts.Token);
                length += result.Count;
                if (result.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                    return document.RootElement.Clone();
                }
            }
        }

        public void Dispose() => socket.Dispose();
    }
}
