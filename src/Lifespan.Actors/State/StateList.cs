using System.Collections;

namespace Lifespan.Actors.State;

/// <summary>
/// A list state var: <c>Add</c>, <c>Insert</c>, <c>Remove</c>, <c>Clear</c> and the indexer count as writes of the
/// var (it becomes dirty; a frozen state refuses them with <see cref="ImmutableStateException"/>).
/// </summary>
/// <typeparam name="T">The item type; serialized with System.Text.Json.</typeparam>
public sealed class StateList<T> : IList<T>, IReadOnlyList<T>, ITrackedCollection, IRefillable<StateList<T>>
{
    private readonly List<T> _items;
    private VarBinding _binding;

    /// <summary>Creates an empty list.</summary>
    public StateList() => _items = [];

    /// <summary>Creates a list holding <paramref name="items"/>.</summary>
    public StateList(IEnumerable<T> items) => _items = [.. items];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _binding.IsFrozen;

    /// <inheritdoc />
    public T this[int index]
    {
        get => _items[index];
        set => Write(() => _items[index] = value);
    }

    /// <inheritdoc />
    public void Add(T item) => Write(() => _items.Add(item));

    /// <summary>Adds every item of <paramref name="items"/>.</summary>
    public void AddRange(IEnumerable<T> items) => Write(() => _items.AddRange(items));

    /// <inheritdoc />
    public void Insert(int index, T item) => Write(() => _items.Insert(index, item));

    /// <inheritdoc />
    public bool Remove(T item)
    {
        Writing();
        var removed = _items.Remove(item);
        if (removed)
        {
            Written();
        }

        return removed;
    }

    /// <inheritdoc />
    public void RemoveAt(int index) => Write(() => _items.RemoveAt(index));

    /// <inheritdoc />
    public void Clear() => Write(_items.Clear);

    /// <inheritdoc />
    public bool Contains(T item) => _items.Contains(item);

    /// <inheritdoc />
    public int IndexOf(T item) => _items.IndexOf(item);

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ITrackedCollection.Attach(State owner, string var) => _binding.Attach(owner, var, "StateList");

    void ITrackedCollection.Detach(State owner, string var) => _binding.Detach(owner, var);

    void IRefillable<StateList<T>>.Refill(StateList<T>? source)
    {
        _items.Clear();
        if (source is not null)
        {
            _items.AddRange(source._items);
        }
    }

    private void Write(Action change)
    {
        Writing();
        change();
        Written();
    }

    private void Writing() => _binding.Writing();

    private void Written() => _binding.Written();
}
