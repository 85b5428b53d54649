using System.Globalization;
using System.Text;

namespace Lifespan.Actors.Configuration;

/// <summary>Quoted strings (JSON escapes), triple-quoted strings (no escapes, may span lines) and substitutions.</summary>
internal sealed partial class HoconTokenizer
{
    private HoconToken ReadQuoted(HoconLocation start)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw start.Error("unterminated quoted string: expected a closing '\"'");
            }

            var c = _text[_position];
            if (c == '"')
            {
                Advance();
                return new HoconToken(HoconTokenKind.QuotedString, builder.ToString(), start);
            }

            if (c == '\n')
            {
                throw Here.Error("newline in a quoted string; close the string, write \\n, or use a triple-quoted \"\"\"string\"\"\"");
            }

            if (c < ' ')
            {
                throw Here.Error($"control character U+{(int)c:X4} is not allowed in a quoted string; use a backslash escape");
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape());
                continue;
            }

            builder.Append(c);
            Advance();
        }
    }

    private char ReadEscape()
    {
        var at = Here;
        var c = Peek(1);
        Advance(2);
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_position + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    Advance(4);
                    return (char)code;
                }

                throw at.Error("invalid \\u escape: expected four hexadecimal digits");
            default:
                throw at.Error($"invalid escape '\\{c}' in a quoted string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private HoconToken ReadTripleQuoted(HoconLocation start)
    {
        Advance(3);
        var end = _text.IndexOf("\"\"\"", _position, StringComparison.Ordinal);
        if (end < 0)
        {
            throw start.Error("unterminated triple-quoted string: expected a closing '\"\"\"'");
        }

        // Quotes beyond the closing three belong to the string: """a"""" is a".
        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        var content = _text[_position..end];
        Advance(end + 3 - _position);
        return new HoconToken(HoconTokenKind.QuotedString, content, start);
    }

    private HoconToken ReadSubstitution(HoconLocation start)
    {
        Advance(2);
        var optional = Current == '?';
        if (optional)
        {
            Advance();
        }

        var pieces = new List<HoconPathPiece>();
        while (true)
        {
            var c = Current;
            if (_position >= _text.Length || c == '\n')
            {
                throw start.Error("unterminated substitution: expected '}' to close '${'");
            }

            if (c == '}')
            {
                Advance();
                break;
            }

            if (c == '"')
            {
                var quoted = Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(Here) : ReadQuoted(Here);
                pieces.Add(new HoconPathPiece(quoted.Text, HoconPathPieceKind.Quoted));
            }
            else if (IsWhitespace(c))
            {
                var from = _position;
                while (_position < _text.Length && _text[_position] != '\n' && IsWhitespace(_text[_position]))
                {
                    Advance();
                }

                pieces.Add(new HoconPathPiece(_text[from.._position], HoconPathPieceKind.Whitespace));
            }
            else if (StartsUnquoted(c) && !(c == '/' && Peek(1) == '/'))
            {
                pieces.Add(new HoconPathPiece(ReadUnquoted(), HoconPathPieceKind.Unquoted));
            }
            else
            {
                throw Here.Error($"'{c}' is not allowed in a substitution path; quote the key that contains it");
            }
        }

        var path = HoconPathExpression.Parse(pieces, start, "substitution");
        return new HoconToken(HoconTokenKind.Substitution, string.Empty, start) { Path = path, Optional = optional };
    }
}
