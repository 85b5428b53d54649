using System.Net.WebSockets;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.Sessions;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>The session protocol against a real Kestrel on 127.0.0.1 with an ephemeral port.</summary>
public sealed class SessionEndpointTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(o =>
    {
        o.MaxMessageBytes = 1024;
        o.FramesPerSecond = 20;
        o.FrameBurst = 20;
        o.AllowedOrigins.Add("http://allowed.example");

        // The busy-session test dispatches as fast as two loops can, faster than a client's frames can be sent on a
        // loaded machine: with the default limit its tabs would be disconnected as too slow (by design), not tested here.
        o.MaxPendingFrames = 1_000_000;
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

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
        Assert.Contains("argument 'amount' must be an int, not the string \"x\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await client.SendAsync(new string('x', 5000));
        Assert.Contains("larger than 1024 bytes", await client.ErrorAsync(), StringComparison.Ordinal);

        await client.SendAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_binary_frame_is_refused_with_an_error_frame_and_not_applied_and_the_connection_stays_usable()
    {
        using var client = await ConnectAsync();

        await client.SendBinaryAsync("""{"type":"hello"}""");   // not a hello: the protocol is text frames
        Assert.Equal(
            "Binary frames are not part of the protocol: send each frame as JSON in a text frame. Start with {\"type\":\"hello\"} or {\"type\":\"hello\",\"token\":\"...\"}.",
            await client.ErrorAsync());
        await client.HelloAsync();

        await client.SendBinaryAsync("""{"type":"event","id":3,"handler":"CounterState.Add","payload":{"amount":5}}""");
        Assert.Equal("Binary frames are not part of the protocol: send each frame as JSON in a text frame. This one was dropped.", await client.ErrorAsync());
        await client.SendBinaryAsync(new string('x', 5000));   // larger than MaxMessageBytes, and binary: still said to be binary
        Assert.StartsWith("Binary frames are not part of the protocol", await client.ErrorAsync(), StringComparison.Ordinal);

        await client.SendAsync("""{"type":"event","id":4,"handler":"CounterState.Add","payload":{"amount":1}}""");
        var delta = await client.ReceiveAsync();
        Assert.Equal("delta", delta.GetProperty("type").GetString());
        Assert.Equal(1, delta.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());   // the binary event was not applied
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Any_event_id_is_echoed_in_its_error_zero_included_and_an_event_without_one_gets_none()
    {
        using var client = await ConnectAsync();
        await client.HelloAsync();

        await client.SendAsync("""{"type":"event","id":0,"handler":"CounterState.Add","payload":{"amount":"x"}}""");
        var zero = await client.ReceiveAsync();
        Assert.Equal("error", zero.GetProperty("type").GetString());
        Assert.Equal(0, zero.GetProperty("id").GetInt64());

        await client.SendAsync("""{"type":"event","id":-5,"handler":"CounterState.Nope"}""");
        Assert.Equal(-5, (await client.ReceiveAsync()).GetProperty("id").GetInt64());

        await client.SendAsync("""{"type":"event","handler":"CounterState.Add","payload":{"amount":"x"}}""");
        var none = await client.ReceiveAsync();
        Assert.Equal("CounterState.Add", none.GetProperty("handler").GetString());
        Assert.False(none.TryGetProperty("id", out _));
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

        await _server.Hub.ModifyStateAsync<CounterState>(token, s => s.Count += 100);

        using var again = await ConnectAsync();
        var hello = await again.HelloAsync(token);
        Assert.Equal(token, hello.GetProperty("token").GetString());
        Assert.Equal(105, hello.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_hello_with_a_token_the_server_does_not_know_gets_a_new_server_made_token()
    {
        using var client = await ConnectAsync();
        var token = (await client.HelloAsync("a")).GetProperty("token").GetString()!;
        Assert.NotEqual("a", token);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);

        using var again = await ConnectAsync();
        Assert.NotEqual("a", (await again.HelloAsync("a")).GetProperty("token").GetString());   // no session 'a' was made

        using var forged = await ConnectAsync();
        var unknown = SessionToken.New();
        Assert.NotEqual(unknown, (await forged.HelloAsync(unknown)).GetProperty("token").GetString());
    }

    [Fact]
    public async Task A_new_tab_of_a_busy_session_gets_its_hello_first_then_every_later_delta_in_order()
    {
        var hub = _server.Hub;
        var token = SessionToken.New();
        await hub.DispatchAsync(token, CounterState.Events.Increment());
        using var busy = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!busy.IsCancellationRequested)
            {
                await hub.DispatchAsync(token, CounterState.Events.Increment());
            }
        })));

        try
        {
            for (var tab = 0; tab < 40; tab++)
            {
                using var client = await ConnectAsync();
                var hello = await client.HelloAsync(token);   // fails if a delta comes first
                var count = hello.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32();
                for (var next = count + 1; next <= count + 3; next++)
                {
                    var delta = await client.ReceiveAsync();
                    Assert.Equal("delta", delta.GetProperty("type").GetString());
                    Assert.Equal(next, delta.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());
                }
            }
        }
        finally
        {
            await busy.CancelAsync();
            await load;
        }
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

    private Task<SessionTestClient> ConnectAsync(string? origin = null) => _server.ConnectAsync(origin);
}
