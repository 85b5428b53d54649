using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>Checks an event's payload against its handler, and binds it, before the handler runs.</summary>
internal static class StateEventBinder
{
    /// <summary>Finds a payload property by name, ignoring case as the web JSON defaults do.</summary>
    public static bool TryGetProperty(JsonElement payload, string name, out JsonElement value)
    {
        if (payload.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in payload.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>Throws <see cref="StateEventBindingException"/> when the payload is not an object or names an argument the handler does not take.</summary>
    public static void CheckShape(string qualifiedName, StateHandler handler, StateEvent @event)
    {
        if (@event.Arguments is { } typed)
        {
            if (typed.Count > handler.Parameters.Count)
            {
                throw StateEventBindingException.ForPayload(
                    qualifiedName,
                    handler.Parameters.Count == 0
                        ? $"{Wording.Count(typed.Count, "argument")} {(typed.Count == 1 ? "was" : "were")} given, but the handler takes none"
                        : $"{Wording.Count(typed.Count, "argument")} were given, but the handler takes only {handler.Parameters.Count} ({Wording.List(handler.Parameters)})");
            }

            return;
        }

        switch (@event.Payload.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return;
            case JsonValueKind.Object:
                break;
            default:
                throw StateEventBindingException.ForPayload(
                    qualifiedName,
                    handler.Parameters.Count == 0
                        ? $"the handler takes no arguments, so the payload must be empty or {{}}, not {Wording.Json(@event.Payload)}"
                        : $"the payload must be a JSON object that names the arguments, such as {Example(handler)}, not {Wording.Json(@event.Payload)}");
        }

        foreach (var property in @event.Payload.EnumerateObject())
        {
            if (!handler.Parameters.Any(p => string.Equals(p, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new StateEventBindingException(qualifiedName, property.Name, $"is not one the handler takes; {Takes(handler)}");
            }
        }
    }

    /// <summary>
    /// <paramref name="event"/> with its arguments converted to <paramref name="handler"/>'s parameter types, as typed
    /// arguments, so that the handler does not convert them again; the event itself when the handler has no binder.
    /// </summary>
    /// <exception cref="StateEventBindingException">An argument is missing or does not convert.</exception>
    public static StateEvent Bind(string qualifiedName, StateHandler handler, StateEvent @event) =>
        handler.Bind is { } bind && handler.Parameters.Count > 0
            ? StateEvent.FromArguments(@event.Handler, bind(new StateEventArguments(qualifiedName, @event)))
            : @event;

    private static string Takes(StateHandler handler) =>
        handler.Parameters.Count == 0 ? "it takes no arguments" : "it takes only " + Wording.List(handler.Parameters);

    private static string Example(StateHandler handler) =>
        "{" + string.Join(", ", handler.Parameters.Select(p => $"\"{p}\": ...")) + "}";
}
