namespace Lifespan.Actors.Configuration;

/// <summary>
/// The duplicate-key rules: a later object merges into an earlier object, any other later value replaces the earlier one,
/// and when either side is deferred the decision waits for resolution in a <see cref="HoconDelayedMerge"/>.
/// </summary>
internal static class HoconMerge
{
    /// <summary>Sets <paramref name="key"/> of a parsed object, merging with what is there already.</summary>
    public static void Assign(HoconObject target, string key, HoconValue value)
    {
        if (!target.Fields.TryGetValue(key, out var existing))
        {
            target.Fields[key] = value;
            return;
        }

        if (value is HoconObject later && existing is HoconObject earlier)
        {
            foreach (var (childKey, child) in later.Fields)
            {
                Assign(earlier, childKey, child);
            }

            return;
        }

        if (value is HoconObject || value.IsDeferred)
        {
            IEnumerable<HoconValue> layers = value is HoconDelayedMerge nested ? nested.Layers : [value];
            if (existing is HoconDelayedMerge merge)
            {
                merge.Layers.AddRange(layers);
                return;
            }

            if (existing.IsDeferred || value.IsDeferred)
            {
                target.Fields[key] = new HoconDelayedMerge([existing, .. layers], value.Location);
                return;
            }
        }

        target.Fields[key] = value;
    }

    /// <summary>Merges two resolved objects into a new one; <paramref name="later"/> wins, objects present in both merge recursively.</summary>
    public static HoconObject Resolved(HoconObject earlier, HoconObject later)
    {
        var result = new HoconObject(later.Location, isResolved: true);
        foreach (var (key, value) in earlier.Fields)
        {
            result.Fields[key] = value;
        }

        foreach (var (key, value) in later.Fields)
        {
            result.Fields[key] = result.Fields.TryGetValue(key, out var existing) && existing is HoconObject a && value is HoconObject b
                ? Resolved(a, b)
                : value;
        }

        return result;
    }
}
