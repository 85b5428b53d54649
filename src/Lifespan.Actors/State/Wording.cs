using System.Globalization;
using System.Text.Json;

namespace Lifespan.Actors.State;

/// <summary>
/// How error messages name types and values for the people who read them: types as C# spells them ("an int", "a
/// string", "an int or null"), values as they were sent ("the string \"three\"", "the number 1.5", "null").
/// </summary>
internal static class Wording
{
    private const int MaxExcerpt = 40;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(decimal)] = "decimal",
        [typeof(double)] = "double",
        [typeof(float)] = "float",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(void)] = "void",
    };

    /// <summary>The type as C# code names it: <c>int</c>, <c>string</c>, <c>int?</c>, <c>Task&lt;int&gt;</c>, <c>int[]</c>.</summary>
    public static string TypeName(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericType)
        {
            var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
            var name = tick < 0 ? type.Name : type.Name[..tick];
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return type.Name;
    }

    /// <summary>What a value of the type is, with its article: "an int", "a string", "an int or null" (for <c>int?</c>).</summary>
    public static string AType(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? WithArticle(TypeName(inner)) + " or null" : WithArticle(TypeName(type));

    /// <summary><paramref name="noun"/> with "a" or "an" before it, as it is spoken: "an int", "a uint", "an object".</summary>
    public static string WithArticle(string noun) => (StartsWithVowelSound(noun) ? "an " : "a ") + noun;

    /// <summary>A value a program passed: "the string \"x\"", "the long 5", "true", "null", or else its type ("a Uri").</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "the string " + Quote(s),
        char c => "the char '" + c + "'",
        Enum e => TypeName(e.GetType()) + "." + e,
        _ when value.GetType().IsPrimitive || value is decimal =>
            "the " + TypeName(value.GetType()) + " " + Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => WithArticle(TypeName(value.GetType())),
    };

    /// <summary>A JSON value a client sent: "the string \"three\"", "the number 1.5", "true", "null", "the array [1]".</summary>
    public static string Json(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => "the string " + Excerpt(element.GetRawText()),
        JsonValueKind.Number => "the number " + Excerpt(element.GetRawText()),
        JsonValueKind.Array => "the array " + Excerpt(element.GetRawText()),
        JsonValueKind.Object => "the object " + Excerpt(element.GetRawText()),
        _ => "nothing",
    };

    /// <summary>Names in quotes, joined as a sentence lists them: "'a'", "'a' and 'b'", "'a', 'b' and 'c'".</summary>
    public static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "nothing",
        1 => $"'{names[0]}'",
        _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" and '{names[^1]}'",
    };

    /// <summary>"1 argument", "2 arguments".</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Quote(string text) => Excerpt("\"" + text + "\"");

    private static string Excerpt(string text) => text.Length <= MaxExcerpt ? text : string.Concat(text.AsSpan(0, MaxExcerpt - 3), "...");

    private static bool StartsWithVowelSound(string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        // "an unknown", "an update", but "a uint", "a ulong", "a Uri", "a UserId": a leading u mostly sounds like "you".
        return char.ToLowerInvariant(word[0]) switch
        {
            'a' or 'e' or 'i' or 'o' => true,
            'u' => word.Length > 2 && (word.StartsWith("un", StringComparison.OrdinalIgnoreCase) && char.ToLowerInvariant(word[2]) != 'i'
                || word.StartsWith("up", StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
    }
}
