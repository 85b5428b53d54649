
namespace Lifespan.Actors.State;

/// <summary>
/// Invokes an event handler on <paramref name="state"/> with arguments bound from an event (generated code).
/// Returns what the handler returned, boxed: <see langword="null"/> for <c>void</c>, otherwise a <see cref="Task"/>,
/// <see cref="ValueTask"/>, <see cref="StateEvent"/>, or a sequence or stream of events.
/// </summary>
public delegate object? StateHandlerInvoker(State state, StateEventArguments arguments, CancellationToken cancellationToken);

/// <summary>
/// Converts an event's arguments to a handler's parameter types, in parameter order (without a
/// <see cref="CancellationToken"/>), without calling the handler (generated code).
/// </summary>
/// <exception cref="StateEventBindingException">An argument is missing or does not convert.</exception>
public delegate object?[] StateArgumentBinder(StateEventArguments arguments);

/// <summary>
/// One event handler of a state class, as the source generator describes it: a public method of the class, or the
/// implicit <c>Set{Var}</c> setter of a public state var.
/// </summary>
public sealed class StateHandler
{
    /// <summary>Describes a handler.</summary>
    /// <param name="name">The method's name (the event addresses it as <c>StateName.Name</c>).</param>
    /// <param name="parameters">The names of the parameters bound from the event's payload, in order (without a <see cref="CancellationToken"/>).</param>
    /// <param name="invoke">Binds the arguments and calls the method.</param>
    /// <param name="isBackground">Whether the method is marked <see cref="BackgroundTaskAttribute"/>.</param>
    /// <param name="cancelOnDisconnect">Whether a background task is cancelled when its session's last client disconnects.</param>
    /// <param name="bind">Converts the arguments without calling the method; see <see cref="Bind"/>.</param>
    public StateHandler(string name, IReadOnlyList<string> parameters, StateHandlerInvoker invoke, bool isBackground = false, bool cancelOnDisconnect = false, StateArgumentBinder? bind = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(invoke);
        Name = name;
        Parameters = parameters;
        Invoke = invoke;
        IsBackground = isBackground;
        CancelOnDisconnect = cancelOnDisconnect;
        Bind = bind;
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The names of the parameters bound from the payload, in order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Whether the handler runs as a background task.</summary>
    public bool IsBackground { get; }

    /// <summary>Whether the background task is cancelled when its session's last client disconnects.</summary>
    public bool CancelOnDisconnect { get; }

    /// <summary>Binds the arguments and calls the method.</summary>
    public StateHandlerInvoker Invoke { get; }

    /// <summary>
    /// Converts the arguments without calling the method (generated for background tasks): the session binds a task's
    /// arguments before starting it, so that a payload that does not fit is refused as for any handler and no task
    /// starts. Without it, the task binds its arguments when it starts running, and a payload that does not fit fails it.
    /// </summary>
    public StateArgumentBinder? Bind { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
