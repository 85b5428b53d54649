namespace Lifespan.Actors.Configuration;

/// <summary>
/// Parses tokens into a <see cref="HoconObject"/> tree. Duplicate keys are merged as they are read; substitutions stay
/// unresolved (<see cref="HoconResolver"/> resolves them once the whole document, includes and all, is known).
/// </summary>
internal sealed partial class HoconParser
{
    /// <summary>How deeply objects and arrays may nest, so that hostile input fails with a message instead of a stack overflow.</summary>
    internal const int MaxDepth = 200;

    private readonly List<HoconToken> _tokens;
    private readonly string? _fileName;
    private readonly IHoconIncludeResolver _includes;
    private readonly IReadOnlyList<string> _includeChain;
    private readonly int _prefixLength;
    private readonly List<string> _path;
    private int _index;
    private int _depth;

    private HoconParser(string text, string? fileName, IHoconIncludeResolver includes, IReadOnlyList<string> includeChain, IReadOnlyList<string> prefix)
    {
        _tokens = HoconTokenizer.Tokenize(text, fileName);
        _fileName = fileName;
        _includes = includes;
        _includeChain = includeChain;
        _prefixLength = prefix.Count;
        _path = [.. prefix];
    }

    private HoconToken Current => _tokens[_index];

    /// <summary>Parses a document whose root is an object (braces optional); <paramref name="fileName"/> identifies it for includes and messages.</summary>
    public static HoconObject Parse(string text, string? fileName, IHoconIncludeResolver includes) =>
        new HoconParser(text, fileName, includes, fileName is null ? [] : [includes.Identify(fileName)], []).ParseRoot();

    private HoconObject ParseRoot()
    {
        SkipWhitespace(newlines: true);
        var token = Current;
        if (token.Kind == HoconTokenKind.LeftBracket)
        {
            throw token.Location.Error("the root of a configuration document must be an object, not an array");
        }

        if (token.Kind != HoconTokenKind.LeftBrace)
        {
            return ParseObjectBody(open: null);
        }

        _index++;
        var root = ParseObjectBody(token.Location);
        SkipWhitespace(newlines: true);
        if (Current.Kind != HoconTokenKind.EndOfFile)
        {
            throw Current.Location.Error($"unexpected {Current.Describe()} after the closing '}}' of the root object");
        }

        return root;
    }

    /// <summary>Reads fields up to the '}' matching <paramref name="open"/>, or to the end of input for a root without braces.</summary>
    private HoconObject ParseObjectBody(HoconLocation? open)
    {
        using var nesting = Nest(open ?? Current.Location);
        var result = new HoconObject(open ?? Current.Location);
        while (true)
        {
            SkipWhitespace(newlines: true);
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.RightBrace when open is null:
                    throw token.Location.Error("unexpected '}' without a matching '{'");
                case HoconTokenKind.RightBrace:
                    _index++;
                    return result;
                case HoconTokenKind.EndOfFile when open is null:
                    return result;
                case HoconTokenKind.EndOfFile:
                    throw UnclosedObject(token, open.Value);
                case HoconTokenKind.Comma:
                    throw token.Location.Error("unexpected ','; expected a key (a comma must follow a field, and only one is allowed)");
                case HoconTokenKind.UnquotedString when token.Text == "include":
                    ParseInclude(result);
                    break;
                default:
                    ParseField(result);
                    break;
            }

            var newline = SkipWhitespace(newlines: true);
            token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.Comma:
                    _index++;
                    SkipWhitespace(newlines: true);
                    if (Current.Kind == HoconTokenKind.Comma)
                    {
                        throw Current.Location.Error("unexpected ','; two commas in a row");
                    }

                    break;
                case HoconTokenKind.RightBrace or HoconTokenKind.EndOfFile:
                    break;
                case HoconTokenKind.RightBracket when open is not null:
                    throw UnclosedObject(token, open.Value);
                case HoconTokenKind.Colon or HoconTokenKind.Equals when !newline:
                    throw token.Location.Error($"expected ',' or a newline after a field, found {token.Describe()} (quote a value that contains ':' or '=')");
                default:
                    if (!newline)
                    {
                        throw token.Location.Error($"expected ',' or a newline after a field, found {token.Describe()}");
                    }

                    break;
            }
        }
    }

    private static HoconParseException UnclosedObject(HoconToken found, HoconLocation open) =>
        found.Location.Error($"expected '}}' to close the object opened at ({open.Line},{open.Column}), found {found.Describe()}");

    private void ParseField(HoconObject target)
    {
        var key = ParseKey();

        // Newlines (and the comments on them) between a key and its separator are whitespace, as in the reference
        // implementation: "a\n: 1" and "a\n{ b = 1 }" are fields. A key whose next line holds no separator is still an
        // error, reported where the key ends.
        var keyEnd = Current;
        var newline = SkipWhitespace(newlines: true);
        var separator = Current;
        switch (separator.Kind)
        {
            case HoconTokenKind.Colon or HoconTokenKind.Equals or HoconTokenKind.PlusEquals:
                _index++;
                SkipWhitespace(newlines: true);
                break;
            case HoconTokenKind.LeftBrace:
                break;
            default:
                var found = newline ? $"{separator.Describe()} at ({separator.Location.Line},{separator.Location.Column})" : separator.Describe();
                throw keyEnd.Location.Error($"expected ':', '=', '+=' or '{{' after the key '{HoconPathExpression.Render(key)}', found {found}");
        }

        _path.AddRange(key);
        var value = ParseValue();
        if (separator.Kind == HoconTokenKind.PlusEquals)
        {
            // a += b is a = ${?a} [b]
            var previous = new HoconSubstitution([.. _path], optional: true, prefixLength: 0, separator.Location);
            var array = new HoconArray(value.Location);
            array.Items.Add(value);
            value = new HoconConcatenation([previous, array], separator.Location);
        }

        _path.RemoveRange(_path.Count - key.Length, key.Length);
        for (var i = key.Length - 1; i > 0; i--)
        {
            var wrapper = new HoconObject(value.Location);
            wrapper.Fields[key[i]] = value;
            value = wrapper;
        }

        HoconMerge.Assign(target, key[0], value);
    }

    private string[] ParseKey()
    {
        var start = Current;
        var pieces = new List<HoconPathPiece>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.QuotedString:
                    pieces.Add(new HoconPathPiece(token.Text, HoconPathPieceKind.Quoted));
                    break;
                case HoconTokenKind.UnquotedString or HoconTokenKind.Number or HoconTokenKind.True or HoconTokenKind.False or HoconTokenKind.Null:
                    pieces.Add(new HoconPathPiece(token.Text, HoconPathPieceKind.Unquoted));
                    break;
                case HoconTokenKind.Whitespace:
                    pieces.Add(new HoconPathPiece(token.Text, HoconPathPieceKind.Whitespace));
                    break;
                case HoconTokenKind.Substitution:
                    throw token.Location.Error("substitutions are not allowed in keys");
                default:
                    if (pieces.Count == 0)
                    {
                        throw token.Location.Error($"expected a key, found {token.Describe()}");
                    }

                    return HoconPathExpression.Parse(pieces, start.Location, "key");
            }

            _index++;
        }
    }

    private Nesting Nest(HoconLocation location)
    {
        if (++_depth > MaxDepth)
        {
            throw location.Error($"objects and arrays are nested more than {MaxDepth} levels deep");
        }

        return new Nesting(this);
    }

    private readonly struct Nesting(HoconParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    /// <summary>Skips whitespace (and newlines when asked); true when a newline was skipped.</summary>
    private bool SkipWhitespace(bool newlines)
    {
        var newline = false;
        while (Current.Kind == HoconTokenKind.Whitespace || (newlines && Current.Kind == HoconTokenKind.Newline))
        {
            newline |= Current.Kind == HoconTokenKind.Newline;
            _index++;
        }

        return newline;
    }
}
