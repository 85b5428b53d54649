using System.Text;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// Path expressions (<c>a.b."c.d"</c>): '.' outside quotes separates elements, inner whitespace is kept,
/// leading and trailing whitespace is dropped, and an empty element must be quoted.
/// </summary>
internal static class HoconPathExpression
{
    public static string[] Parse(IReadOnlyList<HoconPathPiece> pieces, HoconLocation location, string what)
    {
        var first = 0;
        var last = pieces.Count - 1;
        while (first <= last && pieces[first].Kind == HoconPathPieceKind.Whitespace)
        {
            first++;
        }

        while (last >= first && pieces[last].Kind == HoconPathPieceKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw location.Error($"empty {what} path");
        }

        var elements = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = first; i <= last; i++)
        {
            var piece = pieces[i];
            if (piece.Kind != HoconPathPieceKind.Unquoted)
            {
                current.Append(piece.Text);
                quoted |= piece.Kind == HoconPathPieceKind.Quoted;
                continue;
            }

            var parts = piece.Text.Split('.');
            current.Append(parts[0]);
            for (var p = 1; p < parts.Length; p++)
            {
                Finish();
                current.Append(parts[p]);
            }
        }

        Finish();
        return [.. elements];

        void Finish()
        {
            if (current.Length == 0 && !quoted)
            {
                throw location.Error(
                    $"invalid {what} path '{Raw(pieces)}': a path element is empty; a path must not start or end with '.' or contain '..' (quote an empty key as \"\")");
            }

            elements.Add(current.ToString());
            current.Clear();
            quoted = false;
        }
    }

    /// <summary>Renders a path the way it could be written in HOCON, quoting elements that need it.</summary>
    public static string Render(IEnumerable<string> path) => string.Join('.', path.Select(RenderElement));

    private static string RenderElement(string element) =>
        element.Length > 0 && element.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')
            ? element
            : $"\"{element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private static string Raw(IReadOnlyList<HoconPathPiece> pieces) =>
        string.Concat(pieces.Select(p => p.Kind == HoconPathPieceKind.Quoted ? $"\"{p.Text}\"" : p.Text)).Trim();
}
