using System.Net.WebSockets;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task A_coordinated_shutdown_run_without_the_host_closes_connections_with_1001_at_service_unbind()
    {
        await using var server = await SessionTestServer.StartAsync();
        using var client = await server.ConnectAsync();
        await client.HelloAsync();
        var shutdown = CoordinatedShutdown.Get(server.App.Services.GetRequiredService<ActorSystem>());
        var closeSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenInServiceStop = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        // service-stop comes after service-unbind and long before the host hears of the shutdown (once the actor
        // system has terminated): the client must have its close while this task waits.
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "test: wait for the client's close", async () =>
        {
            seenInServiceStop.SetResult(await Task.WhenAny(closeSeen.Task, Task.Delay(TimeSpan.FromSeconds(3))) == closeSeen.Task);
            return Done.Instance;
        });
        var running = shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance);
        var (status, description) = await client.ReceiveCloseAsync();
        closeSeen.SetResult();

        Assert.True(await seenInServiceStop.Task.WaitAsync(SessionTestServer.Timeout), "the connection was not closed at service-unbind");
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("server shutting down", description);
        await running.WaitAsync(SessionTestServer.Timeout);
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

    [Fact]
    public async Task A_session_refused_for_the_session_limit_gets_an_error_frame_saying_why_and_a_1013_close()
    {
        await using var server = await SessionTestServer.StartAsync(sessions: o => o.MaxSessions = 1);
        using var first = await server.ConnectAsync();
        await first.HelloAsync();
        using var second = await server.ConnectAsync();

        await second.SendAsync("""{"type":"hello"}""");

        Assert.Contains("lifespan.sessions.max-sessions = 1", await second.ErrorAsync(), StringComparison.Ordinal);
        var (status, description) = await second.ReceiveCloseAsync();
        Assert.Equal(SessionTestClient.TryAgainLater, status);
        Assert.Equal("try again later", description);
        await first.SendAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await first.ReceiveAsync()).GetProperty("type").GetString());   // the running session is untouched
    }

    [Fact]
    public async Task A_session_that_does_not_answer_in_time_gets_an_error_frame_and_a_1013_close()
    {
        // The session is busy with an event held at its gate, so the subscription waits behind it: the endpoint's
        // request timeout is the only timer that can end the wait.
        await using var server = await SessionTestServer.StartAsync(sessions: o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        var token = SessionToken.New();
        // The session runs, so a hello may resume it (asked with a long timeout of its own: only the hello's is short)...
        await server.Hub.Registry.Ask<EventCompleted>(new SessionEvent(token, CounterState.Events.Increment()), SessionTestServer.Timeout);
        server.Hub.Send(token, CounterState.Events.WaitAtGate());   // ...and is busy until its gate opens
        try
        {
            using var client = await server.ConnectAsync();
            await client.SendAsync($$"""{"type":"hello","token":"{{token}}"}""");

            Assert.Contains("did not answer within 00:00:00.3000000 (lifespan.sessions.request-timeout)", await client.ErrorAsync(), StringComparison.Ordinal);
            Assert.Equal(SessionTestClient.TryAgainLater, (await client.ReceiveCloseAsync()).Status);
        }
        finally
        {
            CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0)).Release();
        }
    }

    [Fact]
    public async Task A_session_whose_saved_state_cannot_be_loaded_gets_an_error_frame_saying_why_and_a_1013_close()
    {
        await using var server = await SessionTestServer.StartAsync(services: s => s.AddSingleton<IStateStore>(new FailingStore()));
        using var client = await server.ConnectAsync();
        await client.SendAsync("""{"type":"hello"}""");   // the new session loads its saved state first, and the store fails

        Assert.Contains("The session's saved state could not be loaded (disk on fire); try again.", await client.ErrorAsync(), StringComparison.Ordinal);
        Assert.Equal(SessionTestClient.TryAgainLater, (await client.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task A_passivated_session_is_resumed_from_the_store_with_its_token()
    {
        await using var server = await SessionTestServer.StartAsync(sessions: o => o.PassivateAfter = TimeSpan.FromMilliseconds(100));
        var store = server.App.Services.GetRequiredService<IStateStore>();
        string token;
        using (var first = await server.ConnectAsync())
        {
            token = (await first.HelloAsync()).GetProperty("token").GetString()!;
            await first.SendAsync("""{"type":"event","handler":"CounterState.Add","payload":{"amount":5}}""");
            Assert.Equal("delta", (await first.ReceiveAsync()).GetProperty("type").GetString());
            using var cts = new CancellationTokenSource(SessionTestServer.Timeout);
            await first.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        }

        var id = SessionToken.Hash(token);
        await Eventually(
            async () => (await server.Hub.GetRunningSessionsAsync()).Sessions.All(s => s.Id != id) && await store.LoadAsync(id, CancellationToken.None) is not null,
            "the session to be saved and stopped");

        using var again = await server.ConnectAsync();
        var hello = await again.HelloAsync(token);
        Assert.Equal(token, hello.GetProperty("token").GetString());
        Assert.Equal(5, hello.GetProperty("state").GetProperty("CounterState").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_client_that_does_not_read_its_frames_is_disconnected_once_more_than_MaxPendingFrames_wait()
    {
        await using var server = await SessionTestServer.StartAsync(o =>
        {
            o.MaxPendingFrames = 2;
            o.FramesPerSecond = 1_000_000;
            o.FrameBurst = 1_000_000;
        });
        using var client = await server.ConnectAsync();
        await client.HelloAsync();
        // Each frame of an unknown type is answered with an error frame naming the type, as large as the frame: the
        // socket's buffers fill, the server's sends stop completing, and its queue passes the limit.
        var frame = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"{{new string('x', 60_000)}}"}""");

        using var deadline = new CancellationTokenSource(SessionTestServer.Timeout);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (true)
            {
                await client.Socket.SendAsync(frame, WebSocketMessageType.Text, true, deadline.Token);
            }
        });

        Assert.False(deadline.IsCancellationRequested, "The server should have aborted the connection of a client that never reads.");
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it every few milliseconds up to a deadline.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(SessionTestServer.Timeout);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting for {what}.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>A store whose loads fail at once.</summary>
    private sealed class FailingStore : IStateStore
    {
        public ValueTask<string?> LoadAsync(string sessionId, CancellationToken cancellationToken) =>
            ValueTask.FromException<string?>(new IOException("disk on fire"));

        public ValueTask SaveAsync(string sessionId, string json, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
