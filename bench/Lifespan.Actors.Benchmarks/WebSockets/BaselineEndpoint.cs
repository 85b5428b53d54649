using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Lifespan.Actors.Benchmarks.Sessions;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.AspNetCore.Http;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// The baseline: a plain ASP.NET Core WebSocket endpoint that answers the same frames as the session endpoint without
/// actors. Per connection it owns a <see cref="BenchState"/> and a <see cref="SemaphoreSlim"/>; for each event frame
/// it parses the JSON (as the session endpoint does), applies <c>Increment</c> under the semaphore, takes the delta
/// (<see cref="State.State.Delta"/> + <see cref="State.State.ClearDirty"/>) and sends it back as a delta frame.
/// It has no rate limiter, no outbox and no session registry.
/// </summary>
internal static class BaselineEndpoint
{
    // The load's frames are under 200 bytes; like the session endpoint's idle buffer, 4 KiB.
    private const int MaxMessageBytes = 4 * 1024;

    /// <summary>Serves one request; relies on the WebSocket middleware that <c>MapLifespanSessions</c> adds.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(socket);
        try
        {
            await connection.RunAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the client went away
        }
        finally
        {
            connection.Dispose();
        }
    }

    private sealed class Connection(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly BenchState _state = new();
        private readonly byte[] _buffer = new byte[MaxMessageBytes];
        private string? _token;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var length = await ReceiveAsync(cancellationToken);
                if (length < 0)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    }

                    return;
                }

                await HandleAsync(_buffer.AsMemory(0, length), cancellationToken);
            }
        }

        public void Dispose() => _gate.Dispose();

        private async Task HandleAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
        {
            string type;
            string? handler;
            try
            {
                using var document = JsonDocument.Parse(utf8.ToArray());
                var root = document.RootElement;
                type = root.GetProperty("type").GetString() ?? string.Empty;
                handler = root.TryGetProperty("handler", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await SendAsync("""{"type":"error","message":"bad frame"}""", cancellationToken);
                return;
            }

            switch (type)
            {
                case "hello" when _token is null:
                    _token = SessionToken.New();
                    await SendAsync($"{{\"type\":\"hello\",\"token\":\"{_token}\",\"state\":{{\"BenchState\":{_state.ToJson(StateVarSelection.AllPublic)}}}}}", cancellationToken);
                    break;
                case "event" when _token is not null && handler == "BenchState.Increment":
                    string? delta;
                    await _gate.WaitAsync(cancellationToken);
                    try
                    {
                        _state.Increment();
                        delta = _state.Delta();
                        _state.ClearDirty();
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    if (delta is not null)
                    {
                        await SendAsync($"{{\"type\":\"delta\",\"state\":{{\"BenchState\":{delta}}}}}", cancellationToken);
                    }

                    break;
                case "ping":
                    await SendAsync("""{"type":"pong"}""", cancellationToken);
                    break;
                default:
                    await SendAsync("""{"type":"error","message":"unexpected frame"}""", cancellationToken);
                    break;
            }
        }

        private Task SendAsync(string frame, CancellationToken cancellationToken) =>
            socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(frame)), WebSocketMessageType.Text, true, cancellationToken);

        /// <summary>One whole message into the buffer; its length, or -1 when the client closed.</summary>
        private async Task<int> ReceiveAsync(CancellationToken cancellationToken)
        {
            var length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    throw new InvalidOperationException("A baseline client sent a frame larger than the buffer.");
                }

                var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return -1;
                }

                length += result.Count;
                if (result.EndOfMessage)
                {
                    return length;
                }
            }
        }
    }
}
