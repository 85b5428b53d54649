namespace Lifespan.Actors.State;

/// <summary>The kinds of work a session applies one at a time.</summary>
internal sealed partial class StateActor
{
    /// <summary>A piece of work the session applies on its own.</summary>
    private abstract class Work;

    /// <summary>An event; one queued by a handler has no one to reply to.</summary>
    private sealed class EventWork(StateEvent @event, IActorRef? replyTo = null, long correlationId = 0, bool repliesOnFailureOnly = false) : Work
    {
        public StateEvent Event { get; } = @event;

        public IActorRef? ReplyTo { get; } = replyTo;

        public long CorrelationId { get; } = correlationId;

        /// <summary>Whether <see cref="ReplyTo"/> hears only of a refusal or a failure, not of success.</summary>
        public bool RepliesOnFailureOnly { get; } = repliesOnFailureOnly;
    }

    private sealed class LockWork(AcquireLock request, IActorRef replyTo) : Work
    {
        public AcquireLock Request { get; } = request;

        public IActorRef ReplyTo { get; } = replyTo;

        public long GrantedAt { get; set; }
    }

    private sealed class ModifyWork(ModifyState request) : Work
    {
        public ModifyState Request { get; } = request;
    }

    private sealed class SubscribeWork(IActorRef subscriber, IActorRef replyTo) : Work
    {
        public IActorRef Subscriber { get; } = subscriber;

        public IActorRef ReplyTo { get; } = replyTo;
    }
}
