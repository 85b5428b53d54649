using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>Queueing events behind the running work, and refusing them once the queue is full.</summary>
internal sealed partial class StateActor
{
    /// <summary>
    /// Queues <paramref name="work"/>, or refuses it when <see cref="SessionOptions.MaxQueuedEvents"/> events already
    /// wait: its sender hears why, or, with no one to answer, the subscribers get one report per burst.
    /// </summary>
    private void Enqueue(EventWork work)
    {
        var waiting = _queues.EventCount;
        if (waiting >= _runtime.Options.MaxQueuedEvents)
        {
            var handler = work.Event.Handler;
            if (work.ReplyTo is { } refuseTo)
            {
                var error = _runtime.QueueFull(handler, waiting);
                LogEventRefused(_runtime.Logger, RedactedToken, handler, error);
                refuseTo.Tell(new EventCompleted(_token, handler, error, work.CorrelationId));
            }
            else
            {
                _entry.NoteRefused(handler);   // one report per burst, with those refused before reaching the session
            }

            return;
        }

        _queues.EnqueueEvent(work);
    }

    /// <summary>Tells the subscribers of the events refused before they reached the session (its queue was full).</summary>
    private void ReportRefused(SessionEntry entry)
    {
        var (count, handler) = entry.TakeRefused();
        if (count == 0 || handler is null)
        {
            return;
        }

        var error = _runtime.QueueWasFull(count, handler);
        LogEventRefused(_runtime.Logger, RedactedToken, handler, error);
        Broadcast(new SessionError(_token, handler, error));
    }
}
