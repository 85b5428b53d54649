using System.Net.WebSockets;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Hosting;

/// <summary>The client's frames: reading them off the socket and acting on them.</summary>
internal sealed partial class SessionConnection
{
    /// <summary>The error a binary frame gets: the protocol is JSON in text frames, and a binary one is never applied.</summary>
    private const string BinaryFrameRefused = "Binary frames are not part of the protocol: send each frame as JSON in a text frame.";

    private string? _lastHandler;

    private void Handle(ReadOnlyMemory<byte> utf8, IActorRef subscriber)
    {
        SessionFrames.Incoming frame;
        try
        {
            frame = SessionFrames.Parse(utf8, _lastHandler);
        }
        catch (FormatException ex)
        {
            Post(SessionFrames.Error(ex.Message));
            return;
        }

        switch (frame.Type)
        {
            case "ping":
                Post(SessionFrames.Pong());
                break;
            case "event" when frame.Token is { } other && !string.Equals(other, _token, StringComparison.Ordinal):
                Post(SessionFrames.Error("Refused: this connection does not own that session token. Send events only for the token its hello gave.", frame.Id, frame.Handler));
                break;
            case "event" when string.IsNullOrEmpty(frame.Handler):
                Post(SessionFrames.Error("An event needs a \"handler\": \"StateName.Handler\".", frame.Id));
                break;
            case "event":
                _lastHandler = frame.Handler;   // a client mostly sends the same few handlers: the next parse reuses the string
                // Failures of events with an id come back to the subscriber with the id; of those without, to a second
                // reference, so that every id (0 included) can be echoed and an event without one gets none.
                var replyTo = frame.Id is null ? _noIdReplies ??= ConnectionActor.Start(system, message => OnSessionMessage(message, hasId: false), "-no-id") : subscriber;
                _session!.Send(StateEvent.FromPayload(frame.Handler!, frame.Payload), replyTo, frame.Id ?? 0, repliesOnFailureOnly: true);
                break;
            case "hello":
                Post(SessionFrames.Error("This connection has already said hello; open a new connection for another session.", frame.Id));
                break;
            default:
                Post(SessionFrames.Error($"Unknown frame type \"{frame.Type}\": use hello, event or ping.", frame.Id));
                break;
        }
    }

    /// <summary>
    /// Reads the next frame into <paramref name="buffer"/>; a binary frame is read to its end and discarded. Only an
    /// abort cancels the read: cancelling a pending receive aborts a .NET WebSocket, so a close the server asks for is
    /// sent while the read goes on.
    /// </summary>
    private async Task<(FrameKind Kind, int Length)> ReceiveAsync(FrameBuffer buffer)
    {
        buffer.Reset();
        var length = 0;
        var tooLarge = false;
        var binary = false;
        while (true)
        {
            var free = tooLarge || binary ? buffer.Scratch : buffer.Free(length);
            var result = await socket.ReceiveAsync(free, _abort.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (FrameKind.Closed, 0);
            }

            binary |= result.MessageType == WebSocketMessageType.Binary;
            if (!tooLarge && !binary)
            {
                length += result.Count;
                tooLarge = length > buffer.Limit;
            }

            if (result.EndOfMessage)
            {
                return binary ? (FrameKind.Binary, 0) : tooLarge ? (FrameKind.TooLarge, 0) : (FrameKind.Text, length);
            }
        }
    }
}
