
namespace Lifespan.Actors.State;

/// <summary>A var of a state class, as the source generator describes it.</summary>
/// <param name="Name">Its name in JSON (camelCase).</param>
/// <param name="IsBackend">Whether it stays on the server (a non-public property) instead of being sent to clients.</param>
public readonly record struct StateVar(string Name, bool IsBackend);

/// <summary>Which vars <see cref="State.WriteVars"/> writes.</summary>
public enum StateVarSelection
{
    /// <summary>The public vars changed since the last delta: what clients are sent.</summary>
    DirtyPublic,

    /// <summary>Every public var: the full state a client gets when it (re)connects.</summary>
    AllPublic,

    /// <summary>Every var, backend ones too: what the state store keeps.</summary>
    All,

    /// <summary>Every var changed since the dirty set was last cleared, backend ones too: what a background task's lock hands back.</summary>
    Dirty,
}
