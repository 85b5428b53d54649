namespace Lifespan.Actors;

/// <summary>
/// The position of an actor in its system's tree: <c>/user/parent/child</c>.
/// Paths compare by value; two incarnations of an actor with the same name share a path.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The name of the actor system this path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The parent path, or <see langword="null"/> for the root (<c>/</c>).</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element of the path; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The number of elements below the root.</summary>
    public int Depth { get; }

    /// <summary>The elements below the root, outermost first: <c>["user", "a", "b"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements[p.Depth - 1] = p.Name;
            }

            return elements;
        }
    }

    /// <summary>Creates the root path of the system named <paramref name="systemName"/>.</summary>
    public static ActorPath CreateRoot(string systemName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemName);
        return new ActorPath(systemName, null, string.Empty);
    }

    /// <summary>The path of a child named <paramref name="name"/> below this one.</summary>
    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ActorPath(SystemName, this, name);
    }

    /// <summary>The path with the system's address: <c>lifespan://system/user/a</c>.</summary>
    public string ToStringWithAddress() => $"lifespan://{SystemName}{this}";

    /// <summary>The path without the address: <c>/user/a/b</c>, or <c>/</c> for the root.</summary>
    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        _text = Parent is null ? "/" : Parent.Parent is null ? "/" + Name : Parent + "/" + Name;
        return _text;
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (Depth == other.Depth && Name == other.Name && SystemName == other.SystemName && Equals(Parent, other.Parent)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SystemName, ToString());

    /// <summary>Value equality.</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => Equals(left, right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !Equals(left, right);
}
