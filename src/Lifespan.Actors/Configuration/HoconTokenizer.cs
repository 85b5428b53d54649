namespace Lifespan.Actors.Configuration;

/// <summary>Splits HOCON text into tokens, dropping comments and tracking 1-based line and column.</summary>
internal sealed partial class HoconTokenizer
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";
    private const string NumberChars = "0123456789eE+-.";

    private readonly string _text;
    private readonly string? _fileName;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    private HoconTokenizer(string text, string? fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    private HoconLocation Here => new(_fileName, _line, _column);

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    public static List<HoconToken> Tokenize(string text, string? fileName)
    {
        var tokenizer = new HoconTokenizer(text, fileName);
        var tokens = new List<HoconToken>();
        HoconToken token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        }
        while (token.Kind != HoconTokenKind.EndOfFile);

        return tokens;
    }

    /// <summary>HOCON whitespace: Unicode separators, ASCII controls 0x09-0x0D and 0x1C-0x1F, and the byte order mark.</summary>
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c is '\uFEFF' or (>= '\x1C' and <= '\x1F');

    private static bool StartsUnquoted(char c) => !IsWhitespace(c) && !Forbidden.Contains(c, StringComparison.Ordinal);

    private HoconToken Next()
    {
        while (true)
        {
            var start = Here;
            if (_position >= _text.Length)
            {
                return new HoconToken(HoconTokenKind.EndOfFile, string.Empty, start);
            }

            var c = _text[_position];
            switch (c)
            {
                case '\n':
                    return Single(HoconTokenKind.Newline, start);
                case '#':
                case '/' when Peek(1) == '/':
                    while (_position < _text.Length && _text[_position] != '\n')
                    {
                        Advance();
                    }

                    continue;
                case '{':
                    return Single(HoconTokenKind.LeftBrace, start);
                case '}':
                    return Single(HoconTokenKind.RightBrace, start);
                case '[':
                    return Single(HoconTokenKind.LeftBracket, start);
                case ']':
                    return Single(HoconTokenKind.RightBracket, start);
                case ',':
                    return Single(HoconTokenKind.Comma, start);
                case ':':
                    return Single(HoconTokenKind.Colon, start);
                case '=':
                    return Single(HoconTokenKind.Equals, start);
                case '+' when Peek(1) == '=':
                    Advance(2);
                    return new HoconToken(HoconTokenKind.PlusEquals, "+=", start);
                case '"':
                    return Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(start) : ReadQuoted(start);
                case '$' when Peek(1) == '{':
                    return ReadSubstitution(start);
            }

            if (IsWhitespace(c))
            {
                var from = _position;
                while (_position < _text.Length && _text[_position] != '\n' && IsWhitespace(_text[_position]))
                {
                    Advance();
                }

                return new HoconToken(HoconTokenKind.Whitespace, _text[from.._position], start);
            }

            if (c == '-' || char.IsAsciiDigit(c))
            {
                return ReadNumber(start);
            }

            if (!StartsUnquoted(c))
            {
                throw start.Error(c == '$'
                    ? "'$' is not allowed outside quotes; write ${path} for a substitution or quote the string"
                    : $"'{c}' is not allowed outside quotes; quote the string that contains it");
            }

            foreach (var (keyword, kind) in Keywords)
            {
                if (string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) == 0)
                {
                    Advance(keyword.Length);
                    return new HoconToken(kind, keyword, start);
                }
            }

            return new HoconToken(HoconTokenKind.UnquotedString, ReadUnquoted(), start);
        }
    }

    private static readonly (string Keyword, HoconTokenKind Kind)[] Keywords =
    [
        ("true", HoconTokenKind.True),
        ("false", HoconTokenKind.False),
        ("null", HoconTokenKind.Null),
    ];

    private HoconToken Single(HoconTokenKind kind, HoconLocation start)
    {
        var text = _text[_position].ToString();
        Advance();
        return new HoconToken(kind, text, start);
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && _position < _text.Length; i++)
        {
            if (_text[_position++] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }
        }
    }

    private string ReadUnquoted()
    {
        var from = _position;
        while (_position < _text.Length && StartsUnquoted(_text[_position]) && !(_text[_position] == '/' && Peek(1) == '/'))
        {
            Advance();
        }

        return _text[from.._position];
    }

    private HoconToken ReadNumber(HoconLocation start)
    {
        var from = _position;
        while (_position < _text.Length && NumberChars.Contains(_text[_position], StringComparison.Ordinal))
        {
            Advance();
        }

        var text = _text[from.._position];
        if (IsJsonNumber(text))
        {
            return new HoconToken(HoconTokenKind.Number, text, start);
        }

        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            throw new HoconLocation(_fileName, start.Line, start.Column + plus).Error("'+' is not allowed outside quotes; quote the string that contains it");
        }

        return new HoconToken(HoconTokenKind.UnquotedString, text, start);
    }

    /// <summary>JSON number syntax, tolerating leading zeros.</summary>
    private static bool IsJsonNumber(string text)
    {
        var i = text.StartsWith('-') ? 1 : 0;
        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == digits)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            var fraction = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
