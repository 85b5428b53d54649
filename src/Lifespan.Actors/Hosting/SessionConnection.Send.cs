using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Hosting;

/// <summary>The server's frames: what the session sends, queued in the outbox and written to the socket in order.</summary>
internal sealed partial class SessionConnection
{
    /// <summary>
    /// Posts the hello with <paramref name="state"/>, then what the session sent since it subscribed this connection.
    /// The session answers the subscription before it publishes anything newer, so those frames all come after the
    /// state, and the client sees the hello first and then every later delta, in order.
    /// </summary>
    private void PostHello(string state)
    {
        lock (_helloGate)
        {
            Post(SessionFrames.Hello(_token, state));
            foreach (var frame in _early!)
            {
                Post(frame);
            }

            Volatile.Write(ref _early, null);
        }
    }

    private void OnSessionMessage(object message, bool hasId = true)
    {
        var frame = message switch
        {
            SessionDelta delta => SessionFrames.Delta(delta.Json),
            SessionError error => SessionFrames.Error(error.Message, handler: error.Handler),
            EventCompleted { Error: { } error } completed => SessionFrames.Error(error, hasId ? completed.CorrelationId : null, completed.Handler),
            _ => null,
        };
        if (frame is null)
        {
            return;
        }

        if (Volatile.Read(ref _early) is null)
        {
            Post(frame);   // the hello and the frames held back are queued already
            return;
        }

        lock (_helloGate)
        {
            if (_early is not { } early)
            {
                Post(frame);
            }
            else if (early.Count < options.MaxPendingFrames)
            {
                early.Add(frame);   // subscribed, but the hello is not queued yet: it goes first
            }
            else
            {
                FellBehind();
            }
        }
    }

    /// <summary>
    /// Queues a frame; a client too slow to take its frames is disconnected and resumes with the full state. Once the
    /// connection is closing, frames are dropped.
    /// </summary>
    private void Post(string frame)
    {
        if (!_outbox.Writer.TryWrite(frame) && !Closing)
        {
            FellBehind();
        }
    }

    private void FellBehind()
    {
        if (!_abort.IsCancellationRequested)
        {
            LogTooSlow(logger, options.MaxPendingFrames);
            Abort();
        }
    }

    /// <summary>Writes the queued frames in order until the outbox is completed, then the close frame (see <see cref="Close"/>).</summary>
    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(frame.Length));
                try
                {
                    var length = Encoding.UTF8.GetBytes(frame, bytes);
                    await socket.SendAsync(bytes.AsMemory(0, length), WebSocketMessageType.Text, true, _abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(_closeStatus, _closeDescription, _abort.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the connection was aborted, or the client is gone
        }
    }
}
