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
                throw new StateEventBindingException(qualifiedName, $"#{handler.Parameters.Count + 1}", $"is one too many: the handler takes {Describe(handler)}");
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
                throw new StateEventBindingException(qualifiedName, "(payload)", $"must be a JSON object whose properties name the arguments ({Describe(handler)}), not {@event.Payload.ValueKind.ToString().ToLowerInvariant()}");
        }

        foreach (var property in @event.Payload.EnumerateObject())
        {
            if (!handler.Parameters.Any(p => string.Equals(p, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new StateEventBindingException(qualifiedName, property.Name, $"is not a parameter of the handler; it takes {Describe(handler)}");
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

    private static string Describe(StateHandler handler) =>
        handler.Parameters.Count == 0 ? "no arguments" : "(" + string.Join(", ", handler.Parameters) + ")";
}
