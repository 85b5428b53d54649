using Lifespan.Actors.State;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// The value a setup/teardown resource provides while the app runs (Starlette's lifespan state): inject
/// <c>LifespanState&lt;T&gt;</c> and read <see cref="Value"/> in request handlers and other tasks.
/// </summary>
/// <typeparam name="T">The type of the value the resource yields or returns.</typeparam>
public sealed class LifespanState<T>
{
    private readonly LifespanStateStore _store;

    /// <summary>Created by dependency injection.</summary>
    public LifespanState(LifespanStateStore store) => _store = store;

    /// <summary>Whether a resource currently provides a <typeparamref name="T"/>.</summary>
    public bool IsAvailable => _store.TryGet(typeof(T), out _);

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">No resource provides one: none is registered, its setup has not finished, or it has been torn down.</exception>
    public T Value => _store.TryGet(typeof(T), out var value)
        ? (T)value!
        : throw new InvalidOperationException(
            $"No lifespan state of type {ParameterBinder.TypeName(typeof(T))} is available: no registered resource yields or returns " +
            $"{Wording.WithArticle(ParameterBinder.TypeName(typeof(T)))}, or the one that does has not finished its setup yet, or has already been torn down. " +
            "Read it only while the app is running.");
}

/// <summary>The values resources provide, by type. Filled after a setup, emptied by the teardown.</summary>
public sealed class LifespanStateStore
{
    private readonly Dictionary<Type, object?> _values = [];

    internal void Publish(object? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_values)
        {
            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                _values[type] = value;
            }

            foreach (var type in value.GetType().GetInterfaces())
            {
                _values[type] = value;
            }
        }
    }

    internal void Withdraw(object? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_values)
        {
            foreach (var key in _values.Where(kv => ReferenceEquals(kv.Value, value)).Select(kv => kv.Key).ToList())
            {
                _values.Remove(key);
            }
        }
    }

    internal bool TryGet(Type type, out object? value)
    {
        lock (_values)
        {
            return _values.TryGetValue(type, out value);
        }
    }
}
