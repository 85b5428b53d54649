
namespace Lifespan.Actors.State;

/// <summary>
/// The state var a tracked collection is the value of: where its in-place changes are reported. A collection is the
/// value of one var at a time; stored in a second one, its changes would reach only the first one's delta.
/// </summary>
internal struct VarBinding
{
    private State? _owner;
    private string? _var;

    /// <summary>Whether the owning state refuses writes (a background task's copy outside its lock).</summary>
    public readonly bool IsFrozen => _owner?.IsFrozen ?? false;

    /// <summary>Binds to <paramref name="var"/> of <paramref name="owner"/>.</summary>
    /// <param name="owner">The state.</param>
    /// <param name="var">The var's JSON name.</param>
    /// <param name="kind">The collection's type as the error names it, e.g. <c>StateList</c>.</param>
    /// <exception cref="InvalidOperationException">The collection is the value of another var.</exception>
    public void Attach(State owner, string var, string kind)
    {
        if (_owner is not null && (!ReferenceEquals(_owner, owner) || !string.Equals(_var, var, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                $"This {kind} is already the value of {_owner.GetType().Name}.{_var}, and a collection can be the value of one " +
                $"var at a time (its changes would reach only that var's delta). Assign a copy instead: new {kind}(...) of its items.");
        }

        (_owner, _var) = (owner, var);
    }

    /// <summary>Unbinds from <paramref name="var"/> of <paramref name="owner"/>, which holds another value now.</summary>
    public void Detach(State owner, string var)
    {
        if (ReferenceEquals(_owner, owner) && string.Equals(_var, var, StringComparison.Ordinal))
        {
            (_owner, _var) = (null, null);
        }
    }

    /// <summary>Before an in-place change: refused when frozen.</summary>
    public readonly void Writing() => _owner?.CollectionWriting(_var!);

    /// <summary>After an in-place change: the var is dirty.</summary>
    public readonly void Written() => _owner?.CollectionWritten(_var!);
}
