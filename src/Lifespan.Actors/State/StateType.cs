using System.Collections.Frozen;

namespace Lifespan.Actors.State;

/// <summary>A registered state class: its name, a factory and its handlers by name.</summary>
internal sealed class StateType
{
    private StateType(string name, Type type, Func<State> factory, FrozenDictionary<string, StateHandler> handlers)
    {
        Name = name;
        Type = type;
        Factory = factory;
        Handlers = handlers;
        EncodedName = System.Text.Json.JsonEncodedText.Encode(name);
    }

    public string Name { get; }

    /// <summary>The name as a JSON property name, encoded once.</summary>
    public System.Text.Json.JsonEncodedText EncodedName { get; }

    public Type Type { get; }

    public Func<State> Factory { get; }

    public FrozenDictionary<string, StateHandler> Handlers { get; }

    public static StateType Create<TState>() where TState : State, new()
    {
        var sample = new TState();
        var handlers = new Dictionary<string, StateHandler>(StringComparer.Ordinal);
        foreach (var handler in sample.Handlers)
        {
            handlers[handler.Name] = handler;
        }

        return new StateType(typeof(TState).Name, typeof(TState), static () => New<TState>(), handlers.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>A fresh instance whose constructor's writes are not reported as changes.</summary>
    public State Create()
    {
        var state = Factory();
        state.ClearDirty();
        return state;
    }

    private static TState New<TState>() where TState : State, new() => new();
}
