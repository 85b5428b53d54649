using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// One <see cref="ClientWebSocket"/> speaking the session protocol: hello, then <c>BenchState.Increment</c> events
/// with an <c>id</c>, one at a time. The session belongs to this client alone, so the delta that answers event
/// <c>n</c> carries <c>"count":n</c> (deltas do not echo the id; the count does the matching, and a count out of
/// sequence fails the run). Each event is timed from just before its send to the arrival of its delta.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private static readonly byte[] s_hello = """{"type":"hello"}"""u8.ToArray();
    private static readonly byte[] s_eventStart = """{"type":"event","id":"""u8.ToArray();
    private static readonly byte[] s_eventEnd = ""","handler":"BenchState.Increment"}"""u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly byte[] _send = new byte[128];
    private byte[] _receive = new byte[1024];
    private long _lastId;

    private LoadClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>The round-trip times (Stopwatch ticks) of the current run's events.</summary>
    public List<long> Samples { get; } = [];

    /// <summary>Opens the connection (no <c>Origin</c> header, as any non-browser client) and says hello.</summary>
    public static async Task<LoadClient> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            var client = new LoadClient(socket);
            await socket.SendAsync(s_hello, WebSocketMessageType.Text, true, cancellationToken);
            var hello = await client.ReceiveAsync(cancellationToken);
            if (!hello.Span.StartsWith("""{"type":"hello","token":"""u8) || ParseCount(hello.Span) != 0)
            {
                throw new InvalidOperationException($"Expected a hello with count 0 from {uri}, got {Encoding.UTF8.GetString(hello.Span)}");
            }

            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends events one at a time until <see cref="LoadPlan.MaxEvents"/> have been answered or <paramref name="stopAt"/>
    /// (a Stopwatch timestamp) has passed. With an interval, event <c>k</c> is due at <c>start + phase + k × interval</c>
    /// and is sent at once if its predecessor's delta arrived late.
    /// </summary>
    public async Task RunAsync(LoadPlan plan, long start, long stopAt, TimeSpan phase, CancellationToken cancellationToken)
    {
        Samples.Clear();
        for (var k = 0; k < plan.MaxEvents; k++)
        {
            if (plan.Interval > TimeSpan.Zero)
            {
                var due = start + (long)((phase + (plan.Interval * k)).TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (due >= stopAt)
                {
                    return;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
            else if (Stopwatch.GetTimestamp() >= stopAt)
            {
                return;
            }

            var id = ++_lastId;
            var length = EventFrame(id);
            var sent = Stopwatch.GetTimestamp();
            await _socket.SendAsync(_send.AsMemory(0, length), WebSocketMessageType.Text, true, cancellationToken);
            var reply = await ReceiveAsync(cancellationToken);
            var arrived = Stopwatch.GetTimestamp();
            if (!reply.Span.StartsWith("""{"type":"delta","""u8) || ParseCount(reply.Span) != id)
            {
                throw new InvalidOperationException($"Event {id} was answered by {Encoding.UTF8.GetString(reply.Span)} instead of a delta with count {id}.");
            }

            Samples.Add(arrived - sent);
        }
    }

    /// <summary>Closes the connection with a normal closure and waits for the server's close frame.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>The count in a hello's state or a delta: the digits after the last colon.</summary>
    private static long ParseCount(ReadOnlySpan<byte> frame)
    {
        var i = frame.LastIndexOf((byte)':') + 1;
        if (i == 0 || i >= frame.Length || !char.IsAsciiDigit((char)frame[i]))
        {
            return -1;
        }

        long n = 0;
        for (; i < frame.Length && char.IsAsciiDigit((char)frame[i]); i++)
        {
            n = (n * 10) + (frame[i] - '0');
        }

        return n;
    }

    private int EventFrame(long id)
    {
        s_eventStart.CopyTo(_send, 0);
        var length = s_eventStart.Length;
        if (!id.TryFormat(_send.AsSpan(length), out var digits, provider: System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("The event id does not fit the send buffer.");
        }

        length += digits;
        s_eventEnd.CopyTo(_send, length);
        return length + s_eventEnd.Length;
    }

    /// <summary>Reads one whole text message; a close frame from the server fails the run.</summary>
    private async Task<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _receive.Length)
            {
                Array.Resize(ref _receive, _receive.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_receive.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The server closed the connection ({_socket.CloseStatus}: {_socket.CloseStatusDescription}).");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return _receive.AsMemory(0, length);
            }
        }
    }
}
