namespace Lifespan.Actors.Configuration;

/// <summary>
/// Flattens a resolved document into configuration keys: object paths joined with ':', array items as <c>key:0</c>,
/// <c>key:1</c>, ..., null as null, other scalars as their text. Empty objects and arrays become a null entry, as in the JSON provider.
/// </summary>
internal static class HoconFlattener
{
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Fields)
        {
            Visit(value, key, data);
        }

        return data;
    }

    private static void Visit(HoconValue value, string key, Dictionary<string, string?> data)
    {
        switch (value)
        {
            case HoconObject { Fields.Count: > 0 } obj:
                foreach (var (childKey, child) in obj.Fields)
                {
                    Visit(child, $"{key}:{childKey}", data);
                }

                break;
            case HoconArray { Items.Count: > 0 } array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Visit(array.Items[i], $"{key}:{i}", data);
                }

                break;
            case HoconScalar { Kind: not HoconScalarKind.Null } scalar:
                Add(key, scalar.Text, value, data);
                break;
            default:
                Add(key, null, value, data);
                break;
        }
    }

    private static void Add(string key, string? text, HoconValue value, Dictionary<string, string?> data)
    {
        if (!data.TryAdd(key, text))
        {
            var other = data.Keys.First(k => data.Comparer.Equals(k, key));
            throw value.Location.Error(
                $"the value at '{key}' has the same configuration key as the value at '{other}': configuration keys are case-insensitive and ':' separates sections, so these HOCON paths collide");
        }
    }
}
