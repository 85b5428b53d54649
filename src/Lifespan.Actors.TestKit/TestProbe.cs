using System.Threading.Channels;

namespace Lifespan.Actors.TestKit;

/// <summary>
/// A reference a test can hand to actors and then make assertions about what it received. Every wait is
/// asynchronous and bounded; a failed expectation throws <see cref="TestKitException"/> saying what was
/// expected and what arrived.
/// </summary>
public sealed partial class TestProbe
{
    private readonly Channel<Received> _queue = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = false });
    private readonly System.Collections.Concurrent.ConcurrentStack<Received> _putBack = new();
    private readonly IFunctionRef _ref;
    private readonly TestKitOptions _options;

    internal TestProbe(ActorSystem system, TestKitOptions options, string? name)
    {
        _options = options;
        _ref = system.CreateFunctionRef((message, sender) => _queue.Writer.TryWrite(new Received(message, sender)), name);
    }

    /// <summary>The probe's reference: give it to actors as a recipient or sender.</summary>
    public IActorRef Ref => _ref;

    /// <summary>The sender of the last message the probe received.</summary>
    public IActorRef Sender { get; private set; } = ActorRefs.NoSender;

    /// <summary>The last message the probe received, if any.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, _ref);
    }

    /// <summary>Replies to the sender of the last received message.</summary>
    public void Reply(object message) => Sender.Tell(message, _ref);

    /// <summary>Forwards the last received message to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var message = LastMessage ?? throw new InvalidOperationException("The probe has received no message to forward.");
        target.Tell(message, Sender);
    }

    /// <summary>Watches <paramref name="actor"/>: its <see cref="Terminated"/> will arrive at this probe.</summary>
    public Task WatchAsync(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _ref.Watch(actor);
        return Task.CompletedTask;
    }

    /// <summary>Stops watching <paramref name="actor"/>.</summary>
    public void Unwatch(IActorRef actor) => _ref.Unwatch(actor);

    /// <summary>Expects the next message to be the <see cref="Terminated"/> of <paramref name="actor"/> (watch it first).</summary>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectAsync<Terminated>(t => Equals(t.ActorRef, actor), timeout, $"Terminated({actor.Path})");
    }

    /// <summary>Receives the next message, or <see langword="null"/> if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<object?> TryReceiveAsync(TimeSpan? timeout = null)
    {
        var item = await TryReadAsync(Deadline.Resolve(timeout, _options)).ConfigureAwait(false);
        return item?.Message;
    }

    private async Task<Received?> TryReadAsync(TimeSpan timeout)
    {
        Deadline.LastWasNoMessage(false);
        if (!_putBack.TryPop(out var item) && !_queue.Reader.TryRead(out item))
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                item = await _queue.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                return null;
            }
        }

        LastMessage = item.Message;
        Sender = item.Sender;
        return item;
    }

    /// <summary>Returns <paramref name="item"/> to the front of the queue, and the last message and sender to what they were before it.</summary>
    private void PutBack(Received item, object? lastMessage, IActorRef sender)
    {
        _putBack.Push(item);
        LastMessage = lastMessage;
        Sender = sender;
    }

    private static string Describe(Received r) => $"{r.Message.GetType().Name} {Show(r.Message)} from {r.Sender.Path}";

    /// <summary>Equality as xunit's <c>Assert.Equal</c> sees it: collections by their items, then <see cref="IEquatable{T}"/> and <see cref="object.Equals(object)"/>.</summary>
    private static bool AreEqual<T>(T expected, T actual)
    {
        try
        {
            Xunit.Assert.Equal(expected, actual);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private static string Show(object? message) => message switch
    {
        null => "null",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable items when message.ToString() == message.GetType().ToString() =>
            $"[{string.Join(", ", items.Cast<object?>().Take(20).Select(Show))}{(items.Cast<object?>().Skip(20).Any() ? ", ..." : string.Empty)}]",
        _ => message.ToString() ?? message.GetType().Name,
    };

    private readonly record struct Received(object Message, IActorRef Sender);
}
