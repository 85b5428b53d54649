using System.Text;
using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>The state objects of one session, one per registered state class, and their JSON forms.</summary>
internal sealed class SessionState
{
    private readonly IReadOnlyList<StateType> _types;
    private readonly State[] _states;

    public SessionState(string token, IReadOnlyList<StateType> types, IServiceProvider services)
    {
        _types = types;
        _states = new State[types.Count];
        for (var i = 0; i < _states.Length; i++)
        {
            _states[i] = types[i].Create();
            _states[i].ClientToken = token;
            _states[i].Services = services;
        }
    }

    public int IndexOf(string stateName)
    {
        for (var i = 0; i < _types.Count; i++)
        {
            if (string.Equals(_types[i].Name, stateName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public StateType TypeAt(int index) => _types[index];

    public State this[int index] => _states[index];

    public State? Find(Type type)
    {
        for (var i = 0; i < _types.Count; i++)
        {
            if (_types[i].Type == type)
            {
                return _states[i];
            }
        }

        return null;
    }

    /// <summary>The changed public vars of every state, or <see langword="null"/>; forgets the changes (backend ones too).</summary>
    public string? TakeDelta()
    {
        string? single = null;
        StringBuilder? json = null;
        for (var i = 0; i < _states.Length; i++)
        {
            var state = _states[i];
            if (state.Delta() is { } delta)
            {
                if (single is null && json is null)
                {
                    single = _types[i].JsonKey + delta;
                }
                else
                {
                    json ??= new StringBuilder("{").Append(single);
                    json.Append(',').Append(_types[i].JsonKey).Append(delta);
                    single = null;
                }
            }

            state.ClearDirty();
        }

        return json is not null ? json.Append('}').ToString() : single is null ? null : "{" + single + "}";
    }

    /// <summary>Forgets every change (after a delta could not be written).</summary>
    public void ForgetChanges()
    {
        foreach (var state in _states)
        {
            state.ClearDirty();
        }
    }

    /// <summary>Every public var of every state: what a client gets when it subscribes.</summary>
    public string ToClientJson() => Write(StateVarSelection.AllPublic);

    /// <summary>Every var of every state: what the store keeps.</summary>
    public string ToStoreJson() => Write(StateVarSelection.All);

    /// <summary>Sets the vars of every state named in <paramref name="json"/> (written by <see cref="ToStoreJson"/>).</summary>
    public void Restore(string json)
    {
        using var document = JsonDocument.Parse(json);
        for (var i = 0; i < _types.Count; i++)
        {
            if (document.RootElement.TryGetProperty(_types[i].Name, out var element))
            {
                _states[i].ReadVars(element);
                _states[i].ClearDirty();
            }
        }
    }

    private string Write(StateVarSelection selection)
    {
        var json = new StringBuilder("{");
        foreach (var (type, state) in Pairs())
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(type.JsonKey).Append(state.ToJson(selection));
        }

        return json.Append('}').ToString();
    }

    private IEnumerable<(StateType Type, State State)> Pairs()
    {
        for (var i = 0; i < _states.Length; i++)
        {
            yield return (_types[i], _states[i]);
        }
    }
}
