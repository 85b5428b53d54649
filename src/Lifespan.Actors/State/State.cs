using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>
/// Base class of a session's state. Declare it <c>partial</c> and its vars as <c>partial</c> properties; the source
/// generator implements them so that every write (also <c>Add</c>, <c>Remove</c> or an indexer on a
/// <see cref="StateList{T}"/> or <see cref="StateDictionary{TKey, TValue}"/> var) is tracked for the next delta and
/// refused with <see cref="ImmutableStateException"/> while the state is frozen. Public properties are sent to
/// clients; non-public ones are backend vars that stay on the server.
/// </summary>
/// <example>
/// <code>
/// public partial class CounterState : State
/// {
///     public partial int Counter { get; set; }
///     private partial int Clicks { get; set; }     // backend var
/// }
/// </code>
/// </example>
public abstract class State
{
    private string[]? _dirty;   // the names of the vars written since the last clear, in first-write order (few, so a list beats hashing)
    private int _dirtyCount;
    private volatile bool _frozen;

    /// <summary>How vars are written to and read from JSON: camelCase names, web defaults.</summary>
    /// <remarks>Non-finite numbers are written as <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, so that no double var can make a delta unwritable.</remarks>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString | System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The token of the session this state belongs to; <see langword="null"/> outside a session.</summary>
    public string? ClientToken { get; internal set; }

    /// <summary>
    /// The app's services (the host's <see cref="IServiceProvider"/> under <c>AddLifespanActors</c>), for handlers
    /// and background tasks that need an <c>HttpClient</c>, a repository or options. Empty outside a host.
    /// </summary>
    public IServiceProvider Services { get; internal set; } = NoServices.Instance;

    /// <summary>Whether writes are refused (a background task's snapshot outside its lock).</summary>
    public bool IsFrozen => _frozen;

    /// <summary>The vars (JSON names) written since the dirty set was last cleared, in first-write order (a copy).</summary>
    public IReadOnlyCollection<string> DirtyVars => _dirtyCount == 0 ? [] : _dirty.AsSpan(0, _dirtyCount).ToArray();

    /// <summary>Every var of this class, public and backend (implemented by the source generator).</summary>
    protected internal abstract IReadOnlyList<StateVar> Vars { get; }

    /// <summary>Writes the selected vars as properties of the JSON object being written (implemented by the source generator).</summary>
    protected internal abstract void WriteVars(Utf8JsonWriter writer, StateVarSelection selection);

    /// <summary>Sets every var present in <paramref name="element"/> (implemented by the source generator); marks nothing dirty.</summary>
    protected internal abstract void ReadVars(JsonElement element);

    /// <summary>The event handlers of this class: its public methods and the <c>Set{Var}</c> setters of its public vars (implemented by the source generator).</summary>
    protected internal abstract IReadOnlyList<StateHandler> Handlers { get; }

    /// <summary>The changed public vars as a JSON object, or <see langword="null"/> when none changed.</summary>
    public string? Delta() => HasDirtyPublicVars() ? ToJson(StateVarSelection.DirtyPublic) : null;

    /// <summary>The selected vars as a JSON object.</summary>
    public string ToJson(StateVarSelection selection)
    {
        using var scratch = JsonScratch.Rent();
        WriteObject(scratch.Writer, selection);
        return scratch.ToStringAndFlush();
    }

    /// <summary>Writes the selected vars as one JSON object.</summary>
    internal void WriteObject(Utf8JsonWriter writer, StateVarSelection selection)
    {
        writer.WriteStartObject();
        WriteVars(writer, selection);
        writer.WriteEndObject();
    }

    /// <summary>Sets the vars from a JSON object written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The JSON does not fit the vars' types.</exception>
    public void LoadJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        ReadVars(document.RootElement);
    }

    /// <summary>Forgets which vars changed (after a delta has been sent).</summary>
    public void ClearDirty() => _dirtyCount = 0;

    internal void Freeze() => _frozen = true;

    internal void Thaw() => _frozen = false;

    /// <summary>Set on a background task's copy of the state: the task it belongs to and the lock being held.</summary>
    internal BackgroundContext? Background { get; set; }

    /// <summary>
    /// Takes the session's exclusive lock, the C# form of Reflex's <c>async with self</c>: waits until the session has
    /// finished its current event, refreshes this object with the latest values and lets the calling flow change it.
    /// Disposing the returned lock sends the changes back as one delta and lets the session's queued events run.
    /// </summary>
    /// <remarks>
    /// Only a background task (a handler marked <see cref="BackgroundTaskAttribute"/>, started by an event) can lock.
    /// Keep slow awaits outside the block: while it is held, the session's other events wait. Concurrent flows of one
    /// task take turns; taking the lock again inside the block throws <see cref="ImmutableStateException"/>.
    /// </remarks>
    /// <example><code>
    /// await using (await LockAsync(cancellationToken))
    /// {
    ///     Counter++;
    /// }
    /// </code></example>
    /// <exception cref="InvalidOperationException">Called outside a background task, for example from a direct call of one.</exception>
    /// <exception cref="ImmutableStateException">The calling flow already holds the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<StateLock> LockAsync(CancellationToken cancellationToken = default, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        var background = Background ?? throw new InvalidOperationException(
            $"{GetType().Name}.{caller} called LockAsync outside a background task. A [BackgroundTask] handler runs only when an event " +
            $"names it: return {GetType().Name}.Events.{caller}() from an event handler instead of calling it directly.");
        if (StateLock.Current is { IsHeld: true } held && ReferenceEquals(held.State, this))
        {
            throw new ImmutableStateException(
                $"{GetType().Name}.{caller} already holds the lock of this state; a nested LockAsync in the same flow would wait for itself. " +
                "Make the changes inside the outer 'await using (await LockAsync())' block.");
        }

        var handle = new StateLock(this, background);
        StateLock.Current = handle;
        return handle.AcquireAsync(cancellationToken);
    }

    /// <summary>Called by generated setters before a write: refuses it while the state is frozen.</summary>
    protected void OnWriting(string var)
    {
        if (_frozen && !(Background?.Holder is { } holder && ReferenceEquals(StateLock.Current, holder)))
        {
            throw new ImmutableStateException(GetType().Name, var);
        }
    }

    /// <summary>Sets the vars present in <paramref name="changes"/> and marks them changed (a background task's lock handing back its changes).</summary>
    internal void ApplyChanges(string changes)
    {
        using var document = JsonDocument.Parse(changes);
        ReadVars(document.RootElement);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            OnWritten(property.Name);
        }
    }

    /// <summary>Sets every var from <paramref name="json"/> without marking anything changed.</summary>
    internal void Refresh(string json)
    {
        LoadJson(json);
        ClearDirty();
    }

    /// <summary>Called by generated setters after a write: marks <paramref name="var"/> dirty.</summary>
    protected void OnWritten(string var)
    {
        if (IsDirty(var))
        {
            return;
        }

        if (_dirty is null || _dirtyCount == _dirty.Length)
        {
            Array.Resize(ref _dirty, Math.Max(4, _dirtyCount * 2));
        }

        _dirty[_dirtyCount++] = var;
    }

    private bool IsDirty(string var)
    {
        for (var i = 0; i < _dirtyCount; i++)
        {
            if (string.Equals(_dirty![i], var, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the generated <see cref="WriteVars"/> should write <paramref name="var"/> for <paramref name="selection"/>.</summary>
    protected bool Includes(StateVarSelection selection, string var, bool isBackend) => selection switch
    {
        StateVarSelection.All => true,
        StateVarSelection.AllPublic => !isBackend,
        StateVarSelection.Dirty => IsDirty(var),
        _ => !isBackend && IsDirty(var),
    };

    /// <summary>Binds a tracked collection to the var it is stored in (called by generated code).</summary>
    protected TCollection? Track<TCollection>(TCollection? collection, string var) where TCollection : class, ITrackedCollection
    {
        collection?.Attach(this, var);
        return collection;
    }

    /// <summary>
    /// Binds the collection a generated setter stores in <paramref name="var"/>, and unbinds the one it replaces.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="collection"/> is the value of another var (the message says to assign a copy).</exception>
    protected TCollection? Track<TCollection>(TCollection? replaced, TCollection? collection, string var) where TCollection : class, ITrackedCollection
    {
        collection?.Attach(this, var);
        if (replaced is not null && !ReferenceEquals(replaced, collection))
        {
            replaced.Detach(this, var);
        }

        return collection;
    }

    /// <summary>
    /// Puts a collection read from JSON into the var holding <paramref name="current"/> (called by the generated
    /// <see cref="ReadVars"/>): the contents move into <paramref name="current"/>, so that a reference to the var's
    /// collection taken before a refresh (before a background task's lock) stays the var's own. Marks nothing dirty.
    /// </summary>
    /// <returns><paramref name="current"/> refilled, or <paramref name="loaded"/> bound to the var when it held no collection yet.</returns>
    protected TCollection? Refill<TCollection>(TCollection? current, TCollection? loaded, string var) where TCollection : class, ITrackedCollection
    {
        if (current is IRefillable<TCollection> refillable)
        {
            refillable.Refill(loaded);
            return current;
        }

        return Track(loaded, var);
    }

    internal void CollectionWriting(string var) => OnWriting(var);

    internal void CollectionWritten(string var) => OnWritten(var);

    /// <summary>Whether any public var changed since the dirty set was last cleared (the delta is not empty).</summary>
    internal bool HasDirtyPublicVars()
    {
        if (_dirtyCount == 0)
        {
            return false;
        }

        var vars = Vars;
        for (var i = 0; i < vars.Count; i++)
        {
            if (!vars[i].IsBackend && IsDirty(vars[i].Name))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A collection that reports in-place changes to the state var it is stored in.</summary>
public interface ITrackedCollection
{
    /// <summary>Binds the collection to <paramref name="var"/> of <paramref name="owner"/>.</summary>
    /// <exception cref="InvalidOperationException">The collection is the value of another var.</exception>
    void Attach(State owner, string var);

    /// <summary>Unbinds the collection from <paramref name="var"/> of <paramref name="owner"/>, which holds another value now.</summary>
    void Detach(State owner, string var);
}
