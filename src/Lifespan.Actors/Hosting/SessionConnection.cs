using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// One WebSocket client: says hello (issuing or resuming a session token), turns <c>event</c> frames into session
/// events, and writes the session's deltas and errors back in order, with at most
/// <see cref="SessionEndpointOptions.MaxPendingFrames"/> waiting (SessionConnection.Send.cs). A malformed, oversized or
/// over-the-rate frame is answered with an error frame and the connection stays usable.
/// </summary>
/// <remarks>
/// The server ends a connection with a close frame (<see cref="Close"/>): the send side writes the frames still queued
/// and then the close, while the receive side goes on waiting for the client's close, so that a pending receive is
/// never cancelled (which would abort the socket). Only a client too slow to take its frames, or one that does not
/// answer a close within <see cref="CloseTimeout"/>, has its socket aborted.
/// </remarks>
internal sealed partial class SessionConnection(WebSocket socket, SessionHub hub, ActorSystem system, SessionEndpointOptions options, ILogger logger) : IDisposable
{
    /// <summary>How long a connection the server closes may take to send its last frames and get the client's close.</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Close status 1013: the server cannot serve the connection now; the client may try again later.</summary>
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    private readonly CancellationTokenSource _abort = new();   // aborts the socket: both directions stop at once
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);   // the hello is queued
    private string _token = string.Empty;
    private SessionHandle? _session;   // set with the token at hello; sends without a look-up by token
    private IActorRef? _noIdReplies;   // hears of the failures of events sent without an id
    private int _hello;   // HelloState
    private int _closing;   // 1 once a close was asked for (or sending failed): no more frames are taken
    private WebSocketCloseStatus _closeStatus;
    private string _closeDescription = string.Empty;

    private enum FrameKind
    {
        Text,
        TooLarge,
        Binary,
        Closed,
    }

    private enum HelloState
    {
        Waiting,
        Said,
        TimedOut,
    }

    private bool Closing => Volatile.Read(ref _closing) != 0;

    /// <summary>Serves the connection until it is closed; <paramref name="stopping"/> closes it with 1001, <paramref name="aborted"/> aborts it.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken aborted = default)
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.FrameBurst,
            TokensPerPeriod = options.FramesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,   // refilled by elapsed time on each frame: no timer per connection
        });
        var buffer = new FrameBuffer(options.MaxMessageBytes);
        IActorRef? subscriber = null;
        // Sends take no token (see SendFrom): an abort, or the close timeout, ends a pending send by aborting the socket.
        using var abortSends = _abort.Token.UnsafeRegister(static s => ((WebSocket)s!).Abort(), socket);
        using var onStop = stopping.Register(() => Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
        using var onAbort = aborted.Register(Abort);
        try
        {
            if (await HelloAsync(buffer).ConfigureAwait(false) is not { } hello)
            {
                return;   // the client closed
            }

            subscriber = await OpenAsync(hello, stopping).ConfigureAwait(false);
            await ServeAsync(buffer, limiter, subscriber).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // the client fell behind, did not answer the close in time, or the request was aborted
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
                system.Stop(subscriber);
            }

            if (_noIdReplies is not null)
            {
                system.Stop(_noIdReplies);
            }

            Close(WebSocketCloseStatus.NormalClosure, "bye");
            await _sent.Task.ConfigureAwait(false);
            buffer.Dispose();
        }
    }

    public void Dispose() => _abort.Dispose();

    /// <summary>
    /// Waits for the client's hello and returns it, or <see langword="null"/> when the client closes first. Without a
    /// hello within <see cref="SessionEndpointOptions.HelloTimeout"/> the client gets an error frame and a close (1008).
    /// </summary>
    private async Task<SessionFrames.Incoming?> HelloAsync(FrameBuffer buffer)
    {
        using var deadline = new CancellationTokenSource(options.HelloTimeout);
        using var onTimeout = deadline.Token.Register(() =>
        {
            if (Interlocked.CompareExchange(ref _hello, (int)HelloState.TimedOut, (int)HelloState.Waiting) == (int)HelloState.Waiting)
            {
                Post(SessionFrames.Error($"No hello within {options.HelloTimeout}; closing."));
                Close(WebSocketCloseStatus.PolicyViolation, "no hello");
            }
        });

        while (true)
        {
            var (kind, length) = await ReceiveAsync(buffer).ConfigureAwait(false);
            if (kind == FrameKind.Closed)
            {
                return null;
            }

            if (Closing)
            {
                continue;   // the hello came too late, or the app is stopping: wait for the client's close
            }

            SessionFrames.Incoming frame;
            try
            {
                frame = kind switch
                {
                    FrameKind.TooLarge => throw new FormatException("The frame is too large."),
                    FrameKind.Binary => throw new FormatException(BinaryFrameRefused),
                    _ => SessionFrames.Parse(buffer.Frame(length)),
                };
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

            if (Interlocked.CompareExchange(ref _hello, (int)HelloState.Said, (int)HelloState.Waiting) == (int)HelloState.Waiting)
            {
                return frame;
            }
        }
    }

    /// <summary>
    /// Finds the session the hello asks for, subscribes this connection to it and queues the hello reply. Returns the
    /// subscriber, or <see langword="null"/> when the connection is closing instead: the app is stopping, or the
    /// session was refused (the session limit, a state that could not be loaded, no answer in time), which the client
    /// is told in an error frame before a close with 1013 (try again later).
    /// </summary>
    private async Task<IActorRef?> OpenAsync(SessionFrames.Incoming hello, CancellationToken stopping)
    {
        var subscriber = ConnectionActor.Start(system, message => OnSessionMessage(message));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping, _abort.Token);
        try
        {
            // Only the server makes sessions: a token resumes one it knows, any other gets a new token (no fixation).
            _token = hello.Token is { } resumed && SessionToken.Problem(resumed) is null && await hub.IsKnownAsync(resumed, cancel.Token).ConfigureAwait(false)
                ? resumed
                : SessionToken.New();
            _session = hub.GetSession(_token);

            // The subscriber itself hears the answer, ahead of every delta the session sends it after: it queues the
            // hello then and there, so the hello goes first however busy the session is, and nothing waits for this
            // method to be scheduled again (under load, deltas would pile up meanwhile).
            _session.Sessions.Tell(new Subscribe(_token, subscriber), subscriber);
            await _subscribed.Task.WaitAsync(hub.Options.RequestTimeout, cancel.Token).ConfigureAwait(false);
            return subscriber;
        }
        catch (Exception ex)
        {
            if (_session is not null)
            {
                hub.Unsubscribe(_token, subscriber);   // in case the subscription arrives after all
            }

            system.Stop(subscriber);
            if (ex is OperationCanceledException && stopping.IsCancellationRequested && !_abort.IsCancellationRequested)
            {
                return null;   // the app is stopping: the connection is being closed with 1001
            }

            if (ex is not (InvalidOperationException or TimeoutException or EventRefusedException))
            {
                throw;
            }

            var reason = ex is TimeoutException
                ? $"The session did not answer within {hub.Options.RequestTimeout} (lifespan.sessions.request-timeout); try again later."
                : ex.Message;
            LogRefused(logger, reason);
            Post(SessionFrames.Error(reason));
            Close(TryAgainLater, "try again later");
            return null;
        }
    }

    /// <summary>Handles the client's frames until its close; once the server is closing, frames are dropped.</summary>
    private async Task ServeAsync(FrameBuffer buffer, TokenBucketRateLimiter limiter, IActorRef? subscriber)
    {
        while (true)
        {
            var (kind, length) = await ReceiveAsync(buffer).ConfigureAwait(false);
            if (kind == FrameKind.Closed)
            {
                return;
            }

            if (Closing || subscriber is null)
            {
                continue;
            }

            limiter.TryReplenish();
            if (!limiter.AttemptAcquire().IsAcquired)
            {
                Post(SessionFrames.Error($"Too many frames: at most {options.FramesPerSecond} per second (bursts of {options.FrameBurst}); this one was dropped."));
                continue;
            }

            if (kind != FrameKind.Text)
            {
                Post(SessionFrames.Error(kind == FrameKind.Binary
                    ? BinaryFrameRefused + " This one was dropped."
                    : $"The frame is larger than {options.MaxMessageBytes} bytes and was dropped."));
                continue;
            }

            Handle(buffer.Frame(length), subscriber);
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "A session connection was lost ({Error})")]
    private static partial void LogConnectionLost(ILogger logger, WebSocketError error);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "A session client fell {Frames} frames behind and was disconnected; it resumes with the full state when it reconnects")]
    private static partial void LogTooSlow(ILogger logger, int frames);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "A session connection was refused and closed with 1013: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
