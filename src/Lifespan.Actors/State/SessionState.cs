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
    /// <remarks>Written in one pass into a reused buffer: the only allocation is the returned string.</remarks>
    public string? TakeDelta()
    {
        JsonScratch? scratch = null;
        try
        {
            for (var i = 0; i < _states.Length; i++)
            {
                var state = _states[i];
                if (state.HasDirtyPublicVars())
                {
                    if (scratch is null)
                    {
                        scratch = JsonScratch.Rent();
                        scratch.Writer.WriteStartObject();
                    }

                    scratch.Writer.WritePropertyName(_types[i].EncodedName);
                    state.WriteObject(scratch.Writer, StateVarSelection.DirtyPublic);
                }

                state.ClearDirty();
            }

            if (scratch is null)
            {
                return null;
            }

            scratch.Writer.WriteEndObject();
            return scratch.ToStringAndFlush();
        }
        finally
        {
            scratch?.Dispose();
        }
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
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        for (var i = 0; i < _states.Length; i++)
        {
            writer.WritePropertyName(_types[i].EncodedName);
            _states[i].WriteObject(writer, selection);
        }

        writer.WriteEndObject();
        return scratch.ToStringAndFlush();
    }
}
