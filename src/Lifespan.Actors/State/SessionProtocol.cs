using System.Text;
using Lifespan.Actors.Sessions;

namespace Lifespan.Actors.State;

// Messages between the session registry, state actors and background task actors. Not public: clients use the
// messages in SessionMessages.cs and the SessionHub. Those that hold a session token print it redacted, as dead
// letters are logged.

/// <summary>A background task asks for the session's lock; answered with <see cref="LockGranted"/>.</summary>
internal sealed record AcquireLock(long LockId, int StateIndex, IActorRef Task);

/// <summary>The lock is held: <see cref="State"/> is the state's latest vars (all of them) as JSON.</summary>
internal sealed record LockGranted(long LockId, string State);

/// <summary>The changed vars of a lock's holder that yielded inside its block and keeps the lock: sent to clients at once.</summary>
internal sealed record FlushLock(long LockId, string Changes);

/// <summary>A lock is released (or abandoned before it was granted) with the changed vars, if any.</summary>
internal sealed record ReleaseLock(long LockId, string? Changes);

/// <summary>Events a handler returned or yielded outside the state actor's turn, to be queued behind it.</summary>
internal sealed record EnqueueEvents(IReadOnlyList<StateEvent> Events, string Origin);

/// <summary>An asynchronous piece of work of a state actor has finished.</summary>
internal sealed record WorkFinished(object Work, object? Result, Exception? Error);

/// <summary>A background task has ended (its body returned, threw or was cancelled).</summary>
internal sealed record BackgroundTaskEnded(long TaskId, Exception? Error);

/// <summary>Cancels the background task <see cref="TaskId"/> of the session, or all of them when it is 0.</summary>
internal sealed record CancelBackgroundTasks(string Token, long TaskId) : ISessionMessage
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", TaskId = {TaskId}");
        return true;
    }
}

/// <summary>Cancels every background task of every session and refuses new ones (shutdown).</summary>
internal sealed record CloseSessions;

/// <summary>Changes a session's state out of band (<see cref="SessionHub.ModifyStateAsync{TState}(string, Func{TState, ValueTask}, CancellationToken)"/>).</summary>
internal sealed record ModifyState(string Token, Type StateType, Func<State, ValueTask> Change, TaskCompletionSource Done) : ISessionMessage
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token).Append(System.Globalization.CultureInfo.InvariantCulture, $", StateType = {StateType.Name}");
        return true;
    }
}

/// <summary>
/// An event <see cref="SessionHub"/> hands to <c>/user/sessions</c> to route, counted while it waits there: against its
/// session's queue limit when the session runs (<paramref name="Entry"/>), else against the events waiting for a new one.
/// </summary>
internal sealed record RoutedEvent(SessionEvent Event, SessionEntry? Entry);

/// <summary>Events for the session were refused before they reached it, with no one to answer (<see cref="SessionEntry.NoteRefused"/>).</summary>
internal sealed record EventsRefused(SessionEntry Entry);

/// <summary>The registry asks an idle session to save its state and stop.</summary>
internal sealed record Passivate;

/// <summary>The session was busy and stays alive.</summary>
internal sealed record PassivateDeclined(string Token)
{
    private bool PrintMembers(StringBuilder builder)
    {
        SessionToken.PrintRedacted(builder, Token);
        return true;
    }
}

/// <summary>The session's saved state has been loaded (or there was none).</summary>
internal sealed record Restored(string? Json, Exception? Error);

/// <summary>The session's state has been saved (or saving failed) during passivation.</summary>
internal sealed record Saved(Exception? Error);

/// <summary>The registry's periodic look for idle sessions.</summary>
internal sealed record SweepIdleSessions;
