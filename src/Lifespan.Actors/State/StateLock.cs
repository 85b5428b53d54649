
namespace Lifespan.Actors.State;

/// <summary>
/// The session's exclusive lock, held by one flow of a background task (see <see cref="State.LockAsync"/>).
/// Disposing it hands the changes back to the session and lets its queued events run; disposing twice does nothing.
/// </summary>
public sealed class StateLock : IAsyncDisposable
{
    private static readonly AsyncLocal<StateLock?> s_current = new();
    private static long s_nextId;

    private readonly BackgroundContext _background;
    private bool _turnTaken;   // this flow's turn is taken, and so the session has been (or is being) asked for the lock
    private int _released;

    internal StateLock(State state, BackgroundContext background)
    {
        State = state;
        _background = background;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>
    /// The lock the current flow took last (set synchronously, so it flows to the caller of <see cref="State.LockAsync"/>;
    /// put back by <see cref="BackgroundStream"/> for a stream's code after a yield).
    /// </summary>
    internal static StateLock? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    internal long Id { get; }

    internal State State { get; }

    /// <summary>Whether this flow holds the lock or is waiting for it.</summary>
    internal bool IsHeld => Volatile.Read(ref _released) == 0;

    /// <summary>Hands the changes back to the session and releases the lock.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = null;
        }

        var changes = TakeChanges();
        _background.Holder = null;
        _background.Session.Tell(new ReleaseLock(Id, changes), _background.Self);
        _background.Turn.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends the changes made so far to the session, keeping the lock: what a <c>yield</c> inside the lock's block does,
    /// as Reflex sends the state at every yield. Called by <see cref="BackgroundStream"/> while the stream is paused there.
    /// </summary>
    internal void Flush()
    {
        if (!IsHeld || !ReferenceEquals(_background.Holder, this))
        {
            return;
        }

        if (TakeChanges() is { } changes)
        {
            _background.Session.Tell(new FlushLock(Id, changes), _background.Self);
        }
    }

    /// <summary>The vars changed under the lock since it was taken or last flushed, as JSON, or <see langword="null"/>; forgets them.</summary>
    private string? TakeChanges()
    {
        var changes = State.ToJson(StateVarSelection.Dirty);
        State.ClearDirty();
        return changes.Length > 2 ? changes : null;
    }

    /// <summary>
    /// Waits for the lock until <paramref name="cancellationToken"/> is cancelled or the session stops; a session that
    /// has stopped cannot grant it, so that a <c>finally</c> block taking it with <see cref="CancellationToken.None"/>
    /// ends with an <see cref="OperationCanceledException"/> instead of waiting for good.
    /// </summary>
    internal async ValueTask<StateLock> AcquireAsync(CancellationToken cancellationToken)
    {
        var stopped = _background.SessionStopped;
        using var linked = cancellationToken.CanBeCanceled && stopped.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopped) : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : stopped);
        try
        {
            await _background.Turn.WaitAsync(token).ConfigureAwait(false);
            _turnTaken = true;
            var granted = await _background.Session
                .Ask<LockGranted>(new AcquireLock(Id, _background.StateIndex, _background.Self), Timeout.InfiniteTimeSpan, token)
                .ConfigureAwait(false);
            if (_background.Step is { } step)
            {
                // The task's stream is being asked for its next item: a lock handed out before its driver has seen
                // how that went could be held at a yield the driver cannot read (see BackgroundStream).
                await step.Task.ConfigureAwait(false);
            }

            State.Refresh(granted.State);
            _background.Holder = this;
            return this;
        }
        catch (OperationCanceledException ex) when (stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Abandon();
            throw new OperationCanceledException("The session has stopped: its lock can no longer be taken.", ex, stopped);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    private void Abandon()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        if (_turnTaken)
        {
            _background.Session.Tell(new ReleaseLock(Id, null), _background.Self);
            _background.Turn.Release();
        }
    }
}
