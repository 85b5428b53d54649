using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The server's frames: what the session sends, written to the socket in order. There is no send loop: whoever posts
/// a frame while no send is in progress (the connection's actor, for deltas) starts the send itself, and a send that
/// does not complete at once is continued by its completion, which then writes the frames queued meanwhile. Nothing
/// waits: a frame only starts a send or joins the queue.
/// </summary>
internal sealed partial class SessionConnection
{
    private static ReadOnlySpan<byte> DeltaPrefix => "{\"type\":\"delta\",\"state\":"u8;

    private readonly object _sendGate = new();
    private Queue<Outgoing>? _pending;   // frames waiting for the send in progress; made at the first wait
    private bool _sending;   // a send (or the close) is in progress, or the sending side is done: under _sendGate
    private ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter _inFlight;   // the send in progress, when it did not complete at once
    private byte[] _inFlightBytes = [];
    private Action? _onSent;
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);   // the close is sent, or sending failed

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
            case SessionDelta delta:
                Post(new Outgoing(delta.Json, IsDelta: true));   // wrapped as it is encoded: no frame string per delta
                return;
        }

        var frame = message switch
        {
            SessionError error => SessionFrames.Error(error.Message, handler: error.Handler),
            EventCompleted { Error: { } error } completed => SessionFrames.Error(error, hasId ? completed.CorrelationId : null, completed.Handler),
            _ => null,
        };
        if (frame is not null)
        {
            Post(frame);
        }
    }

    private void Post(string frame) => Post(new Outgoing(frame, IsDelta: false));

    /// <summary>
    /// Sends a frame now if no send is in progress, or queues it behind the send in progress; a client too slow to take
    /// its frames is disconnected and resumes with the full state. Once the connection is closing, frames are dropped.
    /// </summary>
    private void Post(Outgoing frame)
    {
        lock (_sendGate)
        {
            if (Closing)
            {
                return;
            }

            if (!_sending)
            {
                _sending = true;
            }
            else if ((_pending ??= new Queue<Outgoing>()).Count < options.MaxPendingFrames)
            {
                _pending.Enqueue(frame);
                return;
            }
            else
            {
                frame = default;
            }
        }

        if (frame.Text is null)
        {
            FellBehind();
            return;
        }

        SendFrom(frame);
    }

    private void FellBehind()
    {
        if (!_abort.IsCancellationRequested)
        {
            LogTooSlow(logger, options.MaxPendingFrames);
            Abort();
        }
    }

    /// <summary>Writes <paramref name="frame"/> and then the queued frames, for as long as the sends complete at once.</summary>
    private void SendFrom(Outgoing frame)
    {
        while (true)
        {
            byte[]? bytes = null;
            var continued = false;
            try
            {
                bytes = Encode(frame, out var length);
                // No token: the send then takes the socket's fast path, and an abort (see Abort) ends it as well.
#pragma warning disable CA2012 // the ValueTask is consumed exactly once: by GetResult here, or in OnSent
                var awaiter = socket.SendAsync(bytes.AsMemory(0, length), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false).GetAwaiter();
#pragma warning restore CA2012
                if (!awaiter.IsCompleted)
                {
                    _inFlight = awaiter;
                    _inFlightBytes = bytes;
                    continued = true;   // from here on the completion owns the bytes
                    awaiter.UnsafeOnCompleted(_onSent ??= OnSent);   // the completion goes on with the queue
                    return;
                }

                awaiter.GetResult();
            }
            catch (Exception ex)
            {
                SendFailed(ex);
                return;
            }
            finally
            {
                if (bytes is not null && !continued)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }

            if (!TryNext(out frame))
            {
                return;
            }
        }
    }

    private void OnSent()
    {
        var bytes = _inFlightBytes;
        _inFlightBytes = [];
        try
        {
            _inFlight.GetResult();
        }
        catch (Exception ex)
        {
            SendFailed(ex);
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        if (TryNext(out var frame))
        {
            SendFrom(frame);
        }
    }

    /// <summary>The next queued frame; when there is none, ends the send in progress, or sends the close once closing.</summary>
    private bool TryNext(out Outgoing frame)
    {
        lock (_sendGate)
        {
            if (_pending is not null && _pending.TryDequeue(out frame))
            {
                return true;
            }

            frame = default;
            if (!Closing)
            {
                _sending = false;
                return false;
            }
        }

        SendClose();
        return false;
    }

    private static byte[] Encode(Outgoing frame, out int length)
    {
        var text = frame.Text;
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length) + (frame.IsDelta ? DeltaPrefix.Length + 1 : 0));
        if (!frame.IsDelta)
        {
            length = Encoding.UTF8.GetBytes(text, bytes);
            return bytes;
        }

        DeltaPrefix.CopyTo(bytes);
        length = DeltaPrefix.Length + Encoding.UTF8.GetBytes(text, bytes.AsSpan(DeltaPrefix.Length));
        bytes[length++] = (byte)'}';
        return bytes;
    }

    /// <summary>A frame to send: its text, or for a delta the state that is wrapped in the delta frame as it is encoded.</summary>
    private readonly record struct Outgoing(string Text, bool IsDelta);
}
