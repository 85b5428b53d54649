using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>
/// An event addressed to a handler, <c>StateName.Handler</c>, with its arguments: as a JSON payload (from a client)
/// or already typed (from a state class's generated <c>Events</c>, as in <c>return MyTaskState.Events.MyTask();</c>).
/// </summary>
public sealed class StateEvent
{
    private StateEvent(string handler, JsonElement payload, object?[]? arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(handler);
        Handler = handler;
        Payload = payload;
        Arguments = arguments;
    }

    /// <summary>The handler, <c>StateName.Handler</c>.</summary>
    public string Handler { get; }

    /// <summary>The payload: a JSON object whose properties name the handler's parameters; undefined when the arguments are typed.</summary>
    public JsonElement Payload { get; }

    /// <summary>The typed arguments in parameter order, or <see langword="null"/> when they come from <see cref="Payload"/>.</summary>
    public IReadOnlyList<object?>? Arguments { get; }

    /// <summary>An event whose arguments are bound from <paramref name="payload"/> (a JSON object, or undefined for none).</summary>
    public static StateEvent FromPayload(string handler, JsonElement payload = default) =>
        new(handler, payload.ValueKind == JsonValueKind.Undefined ? default : payload.Clone(), null);

    /// <summary>An event whose arguments are bound from <paramref name="payload"/>'s public properties (for example an anonymous object).</summary>
    public static StateEvent Create(string handler, object? payload = null) =>
        new(handler, payload is null ? default : JsonSerializer.SerializeToElement(payload, State.JsonOptions), null);

    /// <summary>An event with typed arguments in the handler's parameter order (used by generated <c>Events</c> classes).</summary>
    public static StateEvent FromArguments(string handler, params object?[] arguments) => new(handler, default, arguments);

    /// <inheritdoc />
    public override string ToString() => Handler;
}
