namespace Lifespan.Actors.Configuration;

/// <summary>The kinds of token the <see cref="HoconTokenizer"/> produces.</summary>
internal enum HoconTokenKind
{
    EndOfFile,
    Newline,
    Whitespace,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    QuotedString,
    UnquotedString,
    Number,
    True,
    False,
    Null,
    Substitution,
}
