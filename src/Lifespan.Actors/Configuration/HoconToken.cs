namespace Lifespan.Actors.Configuration;

/// <summary>
/// One token. <see cref="Text"/> is the unescaped content of a string, the text of a number as written,
/// or the characters of whitespace; substitutions carry their parsed <see cref="Path"/>.
/// </summary>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, HoconLocation Location)
{
    public IReadOnlyList<string>? Path { get; init; }

    public bool Optional { get; init; }

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.EndOfFile => "end of input",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.QuotedString => $"quoted string \"{Text}\"",
        HoconTokenKind.Substitution => $"substitution ${{{(Optional ? "?" : string.Empty)}{HoconPathExpression.Render(Path ?? [])}}}",
        _ => $"'{Text}'",
    };
}
