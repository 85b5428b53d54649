using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>
/// The arguments of one event, as the generated invoker reads them: typed arguments by position, or payload
/// properties by name. A missing argument or one of the wrong type throws <see cref="StateEventBindingException"/>
/// naming the handler and the argument.
/// </summary>
public readonly struct StateEventArguments
{
    private readonly string _handler;
    private readonly StateEvent _event;

    internal StateEventArguments(string handler, StateEvent @event)
    {
        _handler = handler;
        _event = @event;
    }

    /// <summary>The argument at <paramref name="index"/> (typed arguments) or named <paramref name="name"/> (payload).</summary>
    /// <exception cref="StateEventBindingException">It is missing or does not convert to <typeparamref name="T"/>.</exception>
    public T Get<T>(int index, string name) =>
        TryGet(index, name, out T value) ? value : throw new StateEventBindingException(_handler, name, $"is missing from the payload; send it as {Wording.AType(typeof(T))}");

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent.</summary>
    /// <exception cref="StateEventBindingException">It is present but does not convert to <typeparamref name="T"/>.</exception>
    public T GetOrDefault<T>(int index, string name, T defaultValue) => TryGet(index, name, out T value) ? value : defaultValue;

    private bool TryGet<T>(int index, string name, out T value)
    {
        if (_event.Arguments is { } typed)
        {
            if (index >= typed.Count)
            {
                value = default!;
                return false;
            }

            if (typed[index] is T t)
            {
                value = t;
                return true;
            }

            if (typed[index] is null && default(T) is null)
            {
                value = default!;
                return true;
            }

            throw new StateEventBindingException(_handler, name, $"must be {Wording.AType(typeof(T))}, not {Wording.Value(typed[index])}");
        }

        if (_event.Payload.ValueKind != JsonValueKind.Object || !StateEventBinder.TryGetProperty(_event.Payload, name, out var element))
        {
            value = default!;
            return false;
        }

        try
        {
            value = element.Deserialize<T>(State.JsonOptions)!;
        }
        catch (JsonException ex)
        {
            throw new StateEventBindingException(_handler, name, $"must be {Wording.AType(typeof(T))}, not {Wording.Json(element)}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new StateEventBindingException(_handler, name, $"cannot be read from JSON as {Wording.AType(typeof(T))}: {ex.Message}", ex);
        }

        if (value is null && default(T) is not null)
        {
            throw new StateEventBindingException(_handler, name, $"must be {Wording.AType(typeof(T))}, not null");
        }

        return true;
    }
}
