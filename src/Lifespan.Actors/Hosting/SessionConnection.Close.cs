using System.Net.WebSockets;

namespace Lifespan.Actors.Hosting;

/// <summary>How the server ends a connection: the close frame after the queued frames, or an abort.</summary>
internal sealed partial class SessionConnection
{
    /// <summary>Once the queued frames are written: the close frame, unless the socket is already closed or aborted.</summary>
    private void SendClose()
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            _sent.TrySetResult();
            return;
        }

        Task closing;
        try
        {
            closing = socket.CloseOutputAsync(_closeStatus, _closeDescription, CancellationToken.None);
        }
        catch (Exception ex)
        {
            SendFailed(ex);
            return;
        }

        closing.ContinueWith(static (task, state) => ((SessionConnection)state!).Sent(task), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Sent(Task closing)
    {
        if (closing.Exception is { } ex)
        {
            SendFailed(ex.InnerException ?? ex);
        }
        else
        {
            _sent.TrySetResult();
        }
    }

    /// <summary>
    /// A send failed: nothing more is sent. The socket is aborted, so that the receive side ends too. A failure other
    /// than an aborted or lost socket is handed to <see cref="RunAsync"/>, which rethrows it.
    /// </summary>
    private void SendFailed(Exception ex)
    {
        lock (_sendGate)
        {
            _sending = true;
            Volatile.Write(ref _closing, 1);   // later frames, and the close, are dropped
            _pending?.Clear();
        }

        Abort();
        if (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _sent.TrySetResult();   // the connection was aborted, or the client is gone
        }
        else
        {
            _sent.TrySetException(ex);
        }
    }

    /// <summary>
    /// Asks for the connection to be closed with <paramref name="status"/> (the first call wins): the frames queued
    /// so far are sent, then the close frame; a client that has not answered it within <see cref="CloseTimeout"/> is
    /// aborted. Frames posted after this are dropped.
    /// </summary>
    private void Close(WebSocketCloseStatus status, string description)
    {
        bool sendNow;
        lock (_sendGate)
        {
            if (Closing)
            {
                return;
            }

            _closeStatus = status;
            _closeDescription = description;
            Volatile.Write(ref _closing, 1);
            sendNow = !_sending;   // else the send in progress sends the close after the queued frames
            _sending = true;
        }

        try
        {
            _abort.CancelAfter(CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // the connection has already ended
        }

        if (sendNow)
        {
            SendClose();
        }
    }

    /// <summary>Aborts the socket: the pending receive and send end at once.</summary>
    private void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the connection has already ended
        }
    }
}
