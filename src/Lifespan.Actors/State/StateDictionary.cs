using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Lifespan.Actors.State;

/// <summary>
/// A dictionary state var: <c>Add</c>, <c>Remove</c>, <c>Clear</c> and the indexer's setter count as writes of the
/// var (it becomes dirty; a frozen state refuses them with <see cref="ImmutableStateException"/>).
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type; serialized with System.Text.Json.</typeparam>
public sealed class StateDictionary<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>, ITrackedCollection, IRefillable<StateDictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = [];
    private VarBinding _binding;

    /// <inheritdoc cref="IDictionary{TKey, TValue}.this" />
    public TValue this[TKey key]
    {
        get => _items[key];
        set => Write(() => _items[key] = value);
    }

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public bool IsReadOnly => _binding.IsFrozen;

    /// <inheritdoc cref="IDictionary{TKey, TValue}.Keys" />
    public ICollection<TKey> Keys => _items.Keys;

    /// <inheritdoc cref="IDictionary{TKey, TValue}.Values" />
    public ICollection<TValue> Values => _items.Values;

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => _items.Keys;

    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => _items.Values;

    /// <inheritdoc />
    public void Add(TKey key, TValue value) => Write(() => _items.Add(key, value));

    /// <inheritdoc />
    public void Add(KeyValuePair<TKey, TValue> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public bool Remove(TKey key)
    {
        _binding.Writing();
        var removed = _items.Remove(key);
        if (removed)
        {
            _binding.Written();
        }

        return removed;
    }

    /// <inheritdoc />
    public bool Remove(KeyValuePair<TKey, TValue> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc />
    public void Clear() => Write(_items.Clear);

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    /// <inheritdoc />
    public bool Contains(KeyValuePair<TKey, TValue> item) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).Contains(item);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ITrackedCollection.Attach(State owner, string var) => _binding.Attach(owner, var, "StateDictionary");

    void ITrackedCollection.Detach(State owner, string var) => _binding.Detach(owner, var);

    void IRefillable<StateDictionary<TKey, TValue>>.Refill(StateDictionary<TKey, TValue>? source)
    {
        _items.Clear();
        if (source is null)
        {
            return;
        }

        foreach (var pair in source._items)
        {
            _items.Add(pair.Key, pair.Value);
        }
    }

    private void Write(Action change)
    {
        _binding.Writing();
        change();
        _binding.Written();
    }
}
