namespace Lifespan.Actors.Configuration;

/// <summary>Values: value concatenations, single values and arrays.</summary>
internal sealed partial class HoconParser
{
    /// <summary>
    /// Reads a value concatenation: simple values, substitutions, objects and arrays up to the end of the line,
    /// keeping the whitespace between them. A single value keeps its type.
    /// </summary>
    private HoconValue ParseValue()
    {
        var parts = new List<HoconValue>();
        HoconToken? pendingWhitespace = null;
        while (true)
        {
            var token = Current;
            if (token.Kind == HoconTokenKind.Whitespace)
            {
                pendingWhitespace = parts.Count > 0 ? token : null;
                _index++;
                continue;
            }

            if (token.Kind is not (HoconTokenKind.QuotedString or HoconTokenKind.UnquotedString or HoconTokenKind.Number
                or HoconTokenKind.True or HoconTokenKind.False or HoconTokenKind.Null or HoconTokenKind.Substitution
                or HoconTokenKind.LeftBrace or HoconTokenKind.LeftBracket))
            {
                break;
            }

            if (pendingWhitespace is { } whitespace)
            {
                parts.Add(new HoconScalar(HoconScalarKind.String, whitespace.Text, whitespace.Location, isWhitespace: true));
                pendingWhitespace = null;
            }

            parts.Add(ParseSingleValue());
        }

        return parts.Count switch
        {
            0 => throw Current.Location.Error($"expected a value{ForKey}, found {Current.Describe()}"),
            1 => parts[0],
            _ => Concatenate(parts),
        };
    }

    /// <summary>" for 'a.b'": the key whose value is being read, for messages; empty at the root.</summary>
    private string ForKey => _path.Count == 0 ? string.Empty : $" for '{HoconPathExpression.Render(_path)}'";

    private static HoconValue Concatenate(List<HoconValue> parts) =>
        parts.Any(p => p.IsDeferred)
            ? new HoconConcatenation(parts, parts[0].Location)
            : HoconConcatenator.Join([.. parts.Select(p => ((HoconValue?)p, p))], resolved: false)!;

    private HoconValue ParseSingleValue()
    {
        var token = Current;
        if (token.Kind == HoconTokenKind.LeftBrace)
        {
            _index++;
            return ParseObjectBody(token.Location);
        }

        if (token.Kind == HoconTokenKind.LeftBracket)
        {
            return ParseArray();
        }

        _index++;
        return token.Kind switch
        {
            HoconTokenKind.Number => new HoconScalar(HoconScalarKind.Number, token.Text, token.Location),
            HoconTokenKind.True or HoconTokenKind.False => new HoconScalar(HoconScalarKind.Boolean, token.Text, token.Location),
            HoconTokenKind.Null => new HoconScalar(HoconScalarKind.Null, token.Text, token.Location),
            HoconTokenKind.Substitution => new HoconSubstitution([.. _path.Take(_prefixLength), .. token.Path!], token.Optional, _prefixLength, token.Location),
            _ => HoconScalar.String(token.Text, token.Location),
        };
    }

    private HoconArray ParseArray()
    {
        var open = Current.Location;
        using var nesting = Nest(open);
        _index++;
        var array = new HoconArray(open);
        while (true)
        {
            SkipWhitespace(newlines: true);
            var token = Current;
            switch (token.Kind)
            {
                case HoconTokenKind.RightBracket:
                    _index++;
                    return array;
                case HoconTokenKind.EndOfFile or HoconTokenKind.RightBrace:
                    throw token.Location.Error($"expected ']' to close the array opened at ({open.Line},{open.Column}){ForKey}, found {token.Describe()}");
                case HoconTokenKind.Comma:
                    throw token.Location.Error("unexpected ','; expected an array element or ']'");
            }

            array.Items.Add(ParseValue());
            var newline = SkipWhitespace(newlines: true);
            token = Current;
            if (token.Kind == HoconTokenKind.Comma)
            {
                _index++;
            }
            else if (!newline && token.Kind is not (HoconTokenKind.RightBracket or HoconTokenKind.EndOfFile or HoconTokenKind.RightBrace))
            {
                throw token.Location.Error($"expected ',' or ']' after an array element{ForKey}, found {token.Describe()}");
            }
        }
    }
}
