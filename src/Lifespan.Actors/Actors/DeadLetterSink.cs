namespace Lifespan.Actors;

/// <summary>
/// Counts, publishes and logs messages that could not be delivered. The first
/// <see cref="ActorSystemOptions.DeadLetterLogLimit"/> are logged one by one; after that one summary line per
/// <see cref="ActorSystemOptions.DeadLetterLogInterval"/> at most. The sender never gets an exception.
/// </summary>
internal sealed class DeadLetterSink(ActorSystem system)
{
    private long _count;
    private long _suppressed;
    private long _lastSummary;

    public long Count => Interlocked.Read(ref _count);

    public void Publish(object message, InternalActorRef? sender, InternalActorRef recipient)
    {
        if (message is DeadLetter)
        {
            return;   // never a dead letter about a dead letter
        }

        if (sender is PromiseActorRef promise)
        {
            promise.TargetTerminated(recipient, message);
        }

        var n = Interlocked.Increment(ref _count);
        system.Metrics.DeadLetter();
        var senderRef = (IActorRef?)sender ?? ActorRefs.NoSender;
        system.EventStream.Publish(new DeadLetter(message, senderRef, recipient));

        if (system.IsTerminated)
        {
            return;
        }

        if (n <= system.Options.DeadLetterLogLimit)
        {
            KernelLog.DeadLetter(system.KernelLogger, message.GetType().Name, recipient.Path, senderRef.Path, n, system.Options.DeadLetterLogLimit);
            return;
        }

        var suppressed = Interlocked.Increment(ref _suppressed);
        var time = system.Options.TimeProvider;
        var last = Interlocked.Read(ref _lastSummary);
        var now = time.GetTimestamp();
        if ((last == 0 || time.GetElapsedTime(last, now) >= system.Options.DeadLetterLogInterval) &&
            Interlocked.CompareExchange(ref _lastSummary, now, last) == last)
        {
            Interlocked.Add(ref _suppressed, -suppressed);
            KernelLog.DeadLettersSuppressed(system.KernelLogger, suppressed, n, system.Options.DeadLetterLogInterval);
        }
    }
}

/// <summary>The reference behind <see cref="ActorSystem.DeadLetters"/>.</summary>
internal sealed class DeadLettersRef(ActorPath path, DeadLetterSink sink) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sink.Publish(message is DeadLetter d ? d.Message : message, ImplicitSender(sender), this);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}
