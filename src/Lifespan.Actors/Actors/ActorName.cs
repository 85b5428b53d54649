namespace Lifespan.Actors;

/// <summary>Rules for actor names.</summary>
internal static class ActorName
{
    private const string Allowed = "-_.:@&=+,!~*';";

    /// <summary>Throws an <see cref="InvalidActorNameException"/> that names the path when <paramref name="name"/> is unusable.</summary>
    public static void Validate(string? name, ActorPath parent, bool allowReserved = false)
    {
        if (name is null)
        {
            throw new InvalidActorNameException($"An actor name under {parent} must not be null; pass a name or omit it to get a generated one.");
        }

        if (name.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidActorNameException($"An actor name under {parent} must not be empty or whitespace; pass a name or omit it to get a generated one.");
        }

        if (name[0] == '$' && !allowReserved)
        {
            throw new InvalidActorNameException($"Actor name '{name}' under {parent} is invalid: names starting with '$' are reserved for generated names.");
        }

        for (var i = allowReserved && name[0] == '$' ? 1 : 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && !Allowed.Contains(c, StringComparison.Ordinal) && !(c == '$' && i > 0))
            {
                throw new InvalidActorNameException(
                    $"Actor name '{name}' under {parent} is invalid: character '{c}' at position {i} is not allowed. Use ASCII letters, digits and {Allowed}.");
            }
        }
    }

    /// <summary>A generated name: <c>$</c> followed by a base-36 counter.</summary>
    public static string Generate(long counter)
    {
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            var digit = (int)(counter % 36);
            buffer[--i] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            counter /= 36;
        }
        while (counter > 0);

        buffer[--i] = '$';
        return new string(buffer[i..]);
    }
}
