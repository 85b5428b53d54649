using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Lifespan.Actors.State;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// One WebSocket client: says hello (issuing or resuming a session token), turns <c>event</c> frames into session
/// events, and writes the session's deltas and errors back through a bounded outbox. A malformed, oversized or
/// over-the-rate frame is answered with an error frame and the connection stays usable.
/// </summary>
internal sealed partial class SessionConnection(WebSocket socket, SessionHub hub, ActorSystem system, SessionEndpointOptions options, ILogger logger) : IDisposable
{
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(options.MaxPendingFrames) { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _helloGate = new();
    private string _token = string.Empty;
    private SessionHandle? _session;   // set with the token at hello; sends without a look-up by token
    private IFunctionRef? _noIdReplies;   // hears of the failures of events sent without an id
    private List<string>? _early = [];   // frames from the session before the hello was posted; null once it was

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _abort.Token);
        var cancellationToken = linked.Token;
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.FrameBurst,
            TokensPerPeriod = options.FramesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,   // refilled by elapsed time on each frame: no timer per connection
        });
        var buffer = new FrameBuffer(options.MaxMessageBytes);
        IFunctionRef? subscriber = null;
        var sending = SendLoopAsync(cancellationToken);
        try
        {
            if (!await HelloAsync(buffer, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            subscriber = system.CreateFunctionRef((message, _) => OnSessionMessage(message));
            var state = await hub.SubscribeAsync(_token, subscriber, cancellationToken).ConfigureAwait(false);
            PostHello(state);

            while (true)
            {
                var (kind, length) = await ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (kind == FrameKind.Closed)
                {
                    return;
                }

                limiter.TryReplenish();
                if (!limiter.AttemptAcquire().IsAcquired)
                {
                    Post(SessionFrames.Error($"Too many frames: at most {options.FramesPerSecond} per second (bursts of {options.FrameBurst}); this one was dropped."));
                    continue;
                }

                if (kind == FrameKind.TooLarge)
                {
                    Post(SessionFrames.Error($"The frame is larger than {options.MaxMessageBytes} bytes and was dropped."));
                    continue;
                }

                Handle(buffer.Frame(length), subscriber);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the app is stopping or the client fell behind; close below
        }
        catch (WebSocketException ex)
        {
            LogConnectionLost(logger, ex.WebSocketErrorCode);
        }
        finally
        {
            if (subscriber is not null)
            {
                hub.Unsubscribe(_token, subscriber);
                subscriber.Stop();
            }

            _noIdReplies?.Stop();

            _outbox.Writer.TryComplete();
            await sending.ConfigureAwait(false);
            await CloseAsync(stopping.IsCancellationRequested).ConfigureAwait(false);
            buffer.Dispose();
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task<bool> HelloAsync(FrameBuffer buffer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HelloTimeout);
        while (true)
        {
            FrameKind kind;
            int length;
            try
            {
                (kind, length) = await ReceiveAsync(buffer, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Post(SessionFrames.Error($"No hello within {options.HelloTimeout}; closing."));
                return false;
            }

            if (kind == FrameKind.Closed)
            {
                return false;
            }

            SessionFrames.Incoming frame;
            try
            {
                frame = kind == FrameKind.TooLarge ? throw new FormatException("The frame is too large.") : SessionFrames.Parse(buffer.Frame(length));
            }
            catch (FormatException ex)
            {
                Post(SessionFrames.Error(ex.Message + " Start with {\"type\":\"hello\"} or {\"type\":\"hello\",\"token\":\"...\"}."));
                continue;
            }

            if (frame.Type != "hello")
            {
                Post(SessionFrames.Error($"Say hello first: {{\"type\":\"hello\"}} (got a \"{frame.Type}\" frame).", frame.Id));
                continue;
            }

            _token = frame.Token is { } resumed && SessionToken.Problem(resumed) is null ? resumed : SessionToken.New();
            _session = hub.GetSession(_token);
            return true;
        }
    }

    private void Handle(ReadOnlyMemory<byte> utf8, IActorRef subscriber)
    {
        SessionFrames.Incoming frame;
        try
        {
            frame = SessionFrames.Parse(utf8);
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
                // Failures of events with an id come back to the subscriber with the id; of those without, to a second
                // reference, so that every id (0 included) can be echoed and an event without one gets none.
                var replyTo = frame.Id is null ? _noIdReplies ??= system.CreateFunctionRef((message, _) => OnSessionMessage(message, hasId: false)) : subscriber;
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

    /// <summary>Queues a frame; a client too slow to take its frames is disconnected and resumes with the full state.</summary>
    private void Post(string frame)
    {
        if (!_outbox.Writer.TryWrite(frame))
        {
            FellBehind();
        }
    }

    private void FellBehind()
    {
        if (_abort.IsCancellationRequested)
        {
            return;
        }

        LogTooSlow(logger, options.MaxPendingFrames);
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the connection has already ended
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(frame.Length));
                try
                {
                    var length = Encoding.UTF8.GetBytes(frame, bytes);
                    await socket.SendAsync(bytes.AsMemory(0, length), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the connection is closing
        }
    }

    private async Task<(FrameKind Kind, int Length)> ReceiveAsync(FrameBuffer buffer, CancellationToken cancellationToken)
    {
        buffer.Reset();
        var length = 0;
        var tooLarge = false;
        while (true)
        {
            var free = tooLarge ? buffer.Scratch : buffer.Free(length);
            var result = await socket.ReceiveAsync(free, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (FrameKind.Closed, 0);
            }

            if (!tooLarge)
            {
                length += result.Count;
                tooLarge = length > buffer.Limit;
            }

            if (result.EndOfMessage)
            {
                return tooLarge ? (FrameKind.TooLarge, 0) : (FrameKind.Text, length);
            }
        }
    }

    private async Task CloseAsync(bool appStopping)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(
                appStopping ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure,
                appStopping ? "server shutting down" : "bye",
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the client is gone
        }
    }

    private enum FrameKind
    {
        Text,
        TooLarge,
        Closed,
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "A session connection was lost ({Error})")]
    private static partial void LogConnectionLost(ILogger logger, WebSocketError error);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "A session client fell {Frames} frames behind and was disconnected; it resumes with the full state when it reconnects")]
    private static partial void LogTooSlow(ILogger logger, int frames);
}
