using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Hosting;

/// <summary>The server's frames: what the session sends, queued in the outbox and written to the socket in order.</summary>
internal sealed partial class SessionConnection
{
    /// <summary>
    /// Handles what the session sends the connection's actor, in the order sent: first the answer to the subscription
    /// (the hello, with the full state, or why the session was refused), then deltas, errors and event outcomes.
    /// </summary>
    private void OnSessionMessage(object message, bool hasId = true)
    {
        switch (message)
        {
            case Subscribed subscribed:
                Post(SessionFrames.Hello(_token, subscribed.State));
                _subscribed.TrySetResult();
                return;
            case Status.Failure failure:
                _subscribed.TrySetException(failure.Cause);
                return;
        }

        var frame = message switch
        {
            SessionDelta delta => SessionFrames.Delta(delta.Json),
            SessionError error => SessionFrames.Error(error.Message, handler: error.Handler),
            EventCompleted { Error: { } error } completed => SessionFrames.Error(error, hasId ? completed.CorrelationId : null, completed.Handler),
            _ => null,
        };
        if (frame is not null)
        {
            Post(frame);
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
