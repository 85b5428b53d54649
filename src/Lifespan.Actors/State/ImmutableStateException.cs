
namespace Lifespan.Actors.State;

/// <summary>
/// A state var was changed where the state is read-only: in a background task outside its lock (the seed's
/// "background task StateProxy is immutable outside of a context manager").
/// </summary>
public sealed class ImmutableStateException : InvalidOperationException
{
    /// <summary>Creates the exception for a write to <paramref name="var"/> of <paramref name="stateType"/>.</summary>
    public ImmutableStateException(string stateType, string var)
        : base($"Cannot change {stateType}.{var}: outside its lock, a background task sees a read-only snapshot of the state. " +
               "Take the lock and change the state inside it: await using (await LockAsync(cancellationToken)) { Counter++; }")
    {
        StateType = stateType;
        Var = var;
    }

    /// <summary>Creates the exception with a message of its own (for example for a nested lock).</summary>
    public ImmutableStateException(string message) : base(message)
    {
        StateType = string.Empty;
        Var = string.Empty;
    }

    /// <summary>The state class.</summary>
    public string StateType { get; }

    /// <summary>The var that was written.</summary>
    public string Var { get; }
}
