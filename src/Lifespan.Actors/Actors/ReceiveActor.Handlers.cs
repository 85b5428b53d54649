namespace Lifespan.Actors;

/// <summary>Handler registration.</summary>
public abstract partial class ReceiveActor
{
    /// <summary>Handles messages of type <typeparamref name="T"/> (that match <paramref name="shouldHandle"/>, if given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(new SyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that match <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Receive(handler, shouldHandle);

    /// <summary>Handles messages of type <typeparamref name="T"/> that match <paramref name="shouldHandle"/>, asynchronously.</summary>
    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler) => ReceiveAsync(handler, shouldHandle);

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: no other user message is processed until the
    /// returned task completes. A task that faults fails the actor, as a thrown exception does.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(new AsyncHandler<T>((m, _) => handler(m), shouldHandle));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously, with a token that is cancelled when the actor
    /// stops or restarts (the handler's <c>finally</c> blocks still run before the actor finishes stopping).
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, CancellationToken, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(new AsyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles any message not taken by a handler registered before it.</summary>
    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Handles any message not taken by a handler registered before it, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => ReceiveAsync(handler);

    private sealed class HandlerSet
    {
        private Handler[] _items = [];

        public void Add(Handler handler) => _items = [.. _items, handler];

        public bool TryHandle(object message, ReceiveActor actor, out Task? task)
        {
            foreach (var handler in _items)
            {
                if (handler.TryHandle(message, actor, out task))
                {
                    return true;
                }
            }

            task = null;
            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message, ReceiveActor actor, out Task? task);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ReceiveActor actor, out Task? task)
        {
            task = null;
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        }
    }

    private sealed class AsyncHandler<T>(Func<T, CancellationToken, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ReceiveActor actor, out Task? task)
        {
            task = null;
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            // The async flow (and so every continuation, ConfigureAwait(false) or not) belongs to this actor.
            var previous = ActorCell.EnterAsync(actor.Cell);
            try
            {
                task = handler(typed, actor.Cell.CancellationToken)
                    ?? throw new InvalidOperationException($"The async handler for {typeof(T).Name} in {actor.GetType().Name} returned null instead of a Task.");
            }
            finally
            {
                ActorCell.ExitAsync(previous);
            }

            return true;
        }
    }
}
