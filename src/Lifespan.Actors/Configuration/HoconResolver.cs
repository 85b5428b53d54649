namespace Lifespan.Actors.Configuration;

/// <summary>
/// Resolves substitutions against the whole document, falling back to environment variables.
/// A substitution that refers to the field being defined (directly or through other substitutions) sees the field's
/// earlier value: lookups that reach a value under resolution take the layers of its <see cref="HoconDelayedMerge"/> before it.
/// Lookups walk through objects without resolving their other fields, so <c>bar { foo = 42, baz = ${bar.foo} }</c> works.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many values may be under resolution at once (chains of substitutions), so hostile input cannot overflow the stack.</summary>
    internal const int MaxDepth = 400;

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>The fully resolved document: objects, arrays and scalars only.</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null) =>
        (HoconObject)new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable).Resolve(root)!;

    /// <summary>The plain value of <paramref name="value"/>, or null when it is undefined (a missing optional substitution).</summary>
    private HoconValue? Resolve(HoconValue value)
    {
        if (value is HoconScalar or HoconObject { IsResolved: true } or HoconArray { IsResolved: true })
        {
            return value;
        }

        if (_resolved.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!_inProgress.Add(value))
        {
            throw value.Location.Error($"substitution cycle: {value.Describe()} depends on itself");
        }

        if (_inProgress.Count > MaxDepth)
        {
            throw value.Location.Error($"substitutions are chained more than {MaxDepth} levels deep");
        }

        try
        {
            var result = value switch
            {
                HoconObject obj => ResolveObject(obj),
                HoconArray array => ResolveArray(array),
                HoconSubstitution substitution => ResolveSubstitution(substitution),
                HoconConcatenation concatenation => HoconConcatenator.Join([.. concatenation.Parts.Select(p => (Resolve(p), p))], resolved: true),
                HoconDelayedMerge merge => ResolveMerge(merge),
                _ => throw new InvalidOperationException($"Unexpected HOCON node {value.GetType().Name}."),
            };
            _resolved[value] = result;
            return result;
        }
        finally
        {
            _inProgress.Remove(value);
        }
    }

    private HoconObject ResolveObject(HoconObject obj)
    {
        var result = new HoconObject(obj.Location, isResolved: true);
        foreach (var (key, child) in obj.Fields)
        {
            if (Resolve(child) is { } value)
            {
                result.Fields[key] = value;
            }
        }

        return result;
    }

    private HoconArray ResolveArray(HoconArray array)
    {
        var result = new HoconArray(array.Location, isResolved: true);
        foreach (var item in array.Items)
        {
            if (Resolve(item) is { } value)
            {
                result.Items.Add(value);
            }
        }

        return result;
    }

    private HoconValue? ResolveMerge(HoconDelayedMerge merge)
    {
        HoconValue? result = null;
        foreach (var layer in merge.Layers)
        {
            var value = Resolve(layer);
            if (value is not null)
            {
                result = result is HoconObject earlier && value is HoconObject later ? HoconMerge.Resolved(earlier, later) : value;
            }
        }

        return result;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        var found = Lookup(substitution, 0);
        if (found.Value is null && substitution.PrefixLength > 0)
        {
            var unprefixed = Lookup(substitution, substitution.PrefixLength);
            found = unprefixed with { SelfReference = found.SelfReference || unprefixed.SelfReference };
        }

        if (found.Value is not null)
        {
            return found.Value;
        }

        var name = string.Join('.', substitution.Path.Skip(substitution.PrefixLength));
        var variable = _environment(name);
        if (!string.IsNullOrEmpty(variable))
        {
            return HoconScalar.String(variable, substitution.Location);
        }

        if (substitution.Optional)
        {
            return null;
        }

        throw substitution.Location.Error(found.SelfReference
            ? $"cannot resolve {substitution.Describe()}: it refers to the value being defined (directly or through other substitutions) and there is no earlier value"
            : $"cannot resolve {substitution.Describe()}: '{name}' is not set in the configuration and there is no environment variable of that name (use ${{?{name}}} if it is optional)");
    }

    private readonly record struct Found(HoconValue? Value, bool SelfReference);

    private Found Lookup(HoconSubstitution substitution, int start)
    {
        HoconValue node = _root;
        for (var i = start; i < substitution.Path.Count; i++)
        {
            var child = Child(node, substitution.Path[i]);
            if (child.Value is null)
            {
                return child;
            }

            node = child.Value;
        }

        while (node.IsDeferred && Busy(node))
        {
            if (node is HoconDelayedMerge merge && merge.Layers.Find(Busy) is { IsDeferred: false })
            {
                break;
            }

            if (Before(node) is not { } before)
            {
                return new Found(null, SelfReference: true);
            }

            node = before;
        }

        if (Busy(node))
        {
            throw substitution.Location.Error($"substitution cycle: {substitution.Describe()} refers to an object or array that contains it");
        }

        return new Found(Resolve(node), SelfReference: false);
    }

    /// <summary>The field <paramref name="key"/> of <paramref name="node"/>, resolving as little as possible.</summary>
    private Found Child(HoconValue node, string key)
    {
        switch (node)
        {
            case HoconObject obj:
                return new Found(obj.Fields.GetValueOrDefault(key), SelfReference: false);
            case HoconDelayedMerge merge when merge.Layers.Find(Busy) is { IsDeferred: true }:
                return Before(merge) is { } before ? Child(before, key) : new Found(null, SelfReference: true);
            case HoconDelayedMerge merge:
                return new Found(ChildOfLayers(merge, key), SelfReference: false);
            case { IsDeferred: true } when Busy(node):
                return new Found(null, SelfReference: true);
            case { IsDeferred: true }:
                return new Found((Resolve(node) as HoconObject)?.Fields.GetValueOrDefault(key), SelfReference: false);
            default:
                return default;
        }
    }

    /// <summary>
    /// The field <paramref name="key"/> across the layers of a merge, latest first, stopping at a layer that replaces
    /// everything before it; several candidates become a merge of their own.
    /// </summary>
    private HoconValue? ChildOfLayers(HoconDelayedMerge merge, string key)
    {
        var children = new List<HoconValue>();
        for (var i = merge.Layers.Count - 1; i >= 0; i--)
        {
            var layer = merge.Layers[i];
            var value = layer.IsDeferred ? Resolve(layer) : layer;
            if (value is null)
            {
                continue;
            }

            if (value is not HoconObject obj)
            {
                break;
            }

            if (obj.Fields.TryGetValue(key, out var child))
            {
                children.InsertRange(0, child is HoconDelayedMerge nested ? nested.Layers : [child]);
                if (child is not HoconObject && !child.IsDeferred)
                {
                    break;
                }
            }
        }

        return children.Count switch
        {
            0 => null,
            1 => children[0],
            _ => new HoconDelayedMerge(children, children[^1].Location),
        };
    }

    /// <summary>Whether <paramref name="node"/> (or a layer of it) is being resolved further up the stack.</summary>
    private bool Busy(HoconValue node) => _inProgress.Contains(node) || (node is HoconDelayedMerge merge && merge.Layers.Any(Busy));

    /// <summary>
    /// For a merge one of whose deferred layers is under resolution: the value as that layer sees it, i.e. the layers
    /// before it (null when there are none). This is how <c>path = ${path}":/extra"</c> reads the earlier <c>path</c>.
    /// </summary>
    private HoconValue? Before(HoconValue node)
    {
        if (node is not HoconDelayedMerge merge)
        {
            return null;
        }

        var index = merge.Layers.FindIndex(Busy);
        return index switch
        {
            <= 0 => null,
            1 => merge.Layers[0],
            _ => new HoconDelayedMerge(merge.Layers.Take(index), merge.Location),
        };
    }
}
