
namespace Lifespan.Actors.State;

/// <summary>The kinds of work a session applies one at a time.</summary>
internal sealed partial class StateActor
{
    /// <summary>A piece of work the session applies on its own.</summary>
    private abstract class Work;

    /// <summary>
    /// An event; one queued by a handler has no one to reply to. Mutable so that the session can reuse one instance for
    /// the events it starts and finishes at once (<see cref="StateActor.Accept"/>); an event it has to await gets its own.
    /// </summary>
    private sealed class EventWork : Work
    {
        public EventWork()
        {
        }

        public EventWork(StateEvent @event, IActorRef? replyTo = null, long correlationId = 0, bool repliesOnFailureOnly = false) =>
            Set(@event, replyTo, correlationId, repliesOnFailureOnly);

        public StateEvent Event { get; private set; } = null!;

        public IActorRef? ReplyTo { get; private set; }

        public long CorrelationId { get; private set; }

        /// <summary>Whether <see cref="ReplyTo"/> hears only of a refusal or a failure, not of success.</summary>
        public bool RepliesOnFailureOnly { get; private set; }

        public void Set(StateEvent @event, IActorRef? replyTo, long correlationId, bool repliesOnFailureOnly) =>
            (Event, ReplyTo, CorrelationId, RepliesOnFailureOnly) = (@event, replyTo, correlationId, repliesOnFailureOnly);

        /// <summary>Drops the references to the finished event, so that an idle session does not keep it alive.</summary>
        public void Clear() => (Event, ReplyTo) = (null!, null);

        public EventWork Copy() => new(Event, ReplyTo, CorrelationId, RepliesOnFailureOnly);
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
