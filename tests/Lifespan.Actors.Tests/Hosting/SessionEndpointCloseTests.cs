using System.Net.WebSockets;
using Lifespan.Actors.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>How the session endpoint ends connections: with a close frame the client sees, never by aborting the socket.</summary>
public sealed class SessionEndpointCloseTests
{
    [Fact]
    public async Task At_app_stop_a_connection_is_closed_with_1001()
    {
        await using var server = await SessionTestServer.StartAsync();
        using var client = await server.ConnectAsync();
        await client.HelloAsync();

        var stopping = server.StopAsync();
        var (status, description) = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("server shutting down", description);
        await stopping.WaitAsync(SessionTestServer.Timeout);
    }

    [Fact]
    public async Task At_app_stop_a_client_that_does_not_answer_the_close_is_aborted_after_the_close_timeout()
    {
        await using var server = await SessionTestServer.StartAsync();
        using var client = await server.ConnectAsync();
        await client.HelloAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await server.StopAsync();   // the client never reads the close, so never answers it

        Assert.InRange(started.Elapsed, TimeSpan.Zero, SessionConnection.CloseTimeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_client_without_a_hello_in_time_gets_an_error_frame_then_a_1008_close()
    {
        await using var server = await SessionTestServer.StartAsync(o => o.HelloTimeout = TimeSpan.FromMilliseconds(200));
        using var client = await server.ConnectAsync();

        Assert.Contains("No hello within", await client.ErrorAsync(), StringComparison.Ordinal);
        var (status, _) = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(WebSocketState.Closed, client.Socket.State);
    }

    [Fact]
    public async Task A_client_that_closes_gets_a_normal_close_back()
    {
        await using var server = await SessionTestServer.StartAsync();
        using var client = await server.ConnectAsync();
        await client.HelloAsync();

        using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);

        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
    }
}
