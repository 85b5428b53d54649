using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>Applying events and out-of-band changes.</summary>
internal sealed partial class StateActor
{
    /// <summary>Resolves and invokes the event's handler, or starts its background task; <paramref name="work"/> is the current work.</summary>
    private void StartEvent(EventWork work)
    {
        var @event = work.Event;
        var name = @event.Handler;
        int index;
        StateHandler handler;
        try
        {
            (index, handler) = Resolve(name);
            StateEventBinder.CheckShape(name, handler, @event);
        }
        catch (ArgumentException ex)
        {
            Finish(work, null, ex);
            return;
        }

        if (handler.IsBackground)
        {
            Finish(work, null, StartBackground(@event, index, handler));
            return;
        }

        object? result;
        try
        {
            result = handler.Invoke(_state[index], new StateEventArguments(name, @event), Stopping);
        }
        catch (Exception ex)
        {
            Finish(work, null, ex);
            return;
        }

        Continue(work, result, name);
    }

    private void StartModify(ModifyWork work)
    {
        if (work.Request.Done.Task.IsCompleted)
        {
            _current = null;   // the caller gave up waiting (timeout or cancellation): the change is not made
            return;
        }

        var state = _state.Find(work.Request.StateType);
        if (state is null)
        {
            Finish(work, null, new InvalidOperationException(
                $"{work.Request.StateType.Name} is not a state of this app's sessions; register it with AddState<{work.Request.StateType.Name}>()."));
            return;
        }

        ValueTask change;
        try
        {
            change = work.Request.Change(state);
        }
        catch (Exception ex)
        {
            Finish(work, null, ex);
            return;
        }

        Continue(work, change, "ModifyStateAsync");
    }

    /// <summary>Finishes <paramref name="work"/> now if its handler's result is complete, or when it completes.</summary>
    private void Continue(Work work, object? result, string origin)
    {
        switch (result)
        {
            case null:
                Finish(work, null, null);
                break;
            case StateEvent next:
                Finish(work, next, null);
                break;
            case Task task:
                AwaitThenFinish(work, task);
                break;
            case ValueTask<StateEvent?> valueTask:
                AwaitThenFinish(work, valueTask.AsTask());
                break;
            case ValueTask valueTask:
                AwaitThenFinish(work, valueTask.AsTask());
                break;
            case IAsyncEnumerable<StateEvent?> stream:
                AwaitThenFinish(work, StreamAsync(stream, origin, Self, Stopping));
                break;
            case IEnumerable<StateEvent?> sequence:
                Finish(work, null, Iterate(sequence));
                break;
            default:
                Finish(work, null, new InvalidOperationException($"{origin} returned a {result.GetType().Name}, which is not an event handler result."));
                break;
        }
    }

    private void AwaitThenFinish(Work work, Task task)
    {
        if (task.IsCompleted)
        {
            Finish(work, task, null);
            return;
        }

        if (ReferenceEquals(work, _inline))
        {
            work = _current = _inline.Copy();   // the reused instance must not be what the completion is matched against
        }

        task.PipeOutcomeTo(Self, t => new WorkFinished(work, t, null));
    }

    /// <summary>Runs a synchronous generator: each step's changes are sent before the next, and each yielded event is queued.</summary>
    private Exception? Iterate(IEnumerable<StateEvent?> sequence)
    {
        try
        {
            foreach (var next in sequence)
            {
                PublishDelta();
                if (next is not null)
                {
                    Enqueue(new EventWork(next));
                }
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Runs an async stream outside the actor's turn (the session stays busy): each step's changes are sent, each yielded event queued.</summary>
    private async Task StreamAsync(IAsyncEnumerable<StateEvent?> stream, string origin, IActorRef self, CancellationToken cancellationToken)
    {
        await foreach (var next in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            PublishDelta();
            if (next is not null)
            {
                self.Tell(new EnqueueEvents([next], origin));
            }
        }
    }

    /// <summary>Ends the current work: sends its delta, queues the event it returned, reports its outcome.</summary>
    private void Finish(Work work, object? result, Exception? error)
    {
        if (result is Task task)
        {
            (result, error) = task.Status switch
            {
                TaskStatus.RanToCompletion => (task is Task<StateEvent?> t ? t.Result : null, error),
                TaskStatus.Canceled => (null, new OperationCanceledException("The handler was cancelled.")),
                _ => (null, task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception),
            };
        }

        PublishDelta();
        if (result is StateEvent next)
        {
            Enqueue(new EventWork(next));
        }

        switch (work)
        {
            case EventWork e:
                Report(e, error);
                break;
            case ModifyWork m when error is null:
                m.Request.Done.TrySetResult();
                break;
            case ModifyWork m:
                m.Request.Done.TrySetException(error);
                break;
        }

        _current = null;
    }

    private void Report(EventWork work, Exception? error)
    {
        var handler = work.Event.Handler;
        string? message = null;
        if (error is not null)
        {
            message = error is ArgumentException or ImmutableStateException or EventRefusedException || _runtime.Options.DetailedErrors
                ? error.Message
                : $"Event {handler} failed on the server; its log has the details.";
            if (error is ArgumentException or EventRefusedException)
            {
                LogEventRefused(_runtime.Logger, RedactedToken, handler, error.Message);
            }
            else
            {
                LogHandlerFailed(_runtime.Logger, error, RedactedToken, handler);
            }
        }

        if (work.ReplyTo is { } replyTo)
        {
            if (message is not null || !work.RepliesOnFailureOnly)
            {
                replyTo.Tell(new EventCompleted(_token, handler, message, work.CorrelationId));
            }
        }
        else if (message is not null)
        {
            Broadcast(new SessionError(_token, handler, message));
        }
    }

    private (int Index, StateHandler Handler) Resolve(string name)
    {
        if (_runtime.LastResolved is { } last && ReferenceEquals(last.Name, name))
        {
            return (last.Index, last.Handler);
        }

        if (!_runtime.ResolvedHandlers.TryGetValue(name, out var known))
        {
            var (index, handler) = ResolveSlow(name);
            known = _runtime.ResolvedHandlers.GetOrAdd(name, new ResolvedHandler(name, index, handler));
        }

        if (!ReferenceEquals(_runtime.LastResolved, known))
        {
            _runtime.LastResolved = known;
        }

        return (known.Index, known.Handler);
    }

    private (int Index, StateHandler Handler) ResolveSlow(string name)
    {
        var dot = name.LastIndexOf('.');
        var stateName = dot < 0 ? string.Empty : name[..dot];
        var index = dot < 0 ? -1 : _state.IndexOf(stateName);
        if (index < 0)
        {
            var states = string.Join(", ", _runtime.States.Select(s => s.Name));
            throw new UnknownEventHandlerException(name, dot < 0
                ? $"name it as StateName.Handler (this app's states: {states})."
                : $"there is no state class named '{stateName}' (this app's states: {(states.Length == 0 ? "none; register one with AddState<T>()" : states)}).");
        }

        var type = _state.TypeAt(index);
        return type.Handlers.TryGetValue(name[(dot + 1)..], out var handler)
            ? (index, handler)
            : throw new UnknownEventHandlerException(name, $"{type.Name} has no public handler of that name (it has {string.Join(", ", type.Handlers.Keys.Order(StringComparer.Ordinal))}).");
    }
}
