using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Renders the <c>akka</c> section of <see cref="IConfiguration"/> as HOCON for Akka: every value quoted, so Akka's
/// own parser only ever reads plain strings, lists and objects (substitutions were resolved when the app's HOCON was
/// read). A section whose children are numbered 0, 1, 2... is a list.
/// </summary>
internal static class AkkaSection
{
    public static string ToHocon(IConfigurationSection akka)
    {
        if (!akka.GetChildren().Any())
        {
            return string.Empty;
        }

        var text = new StringBuilder("akka ");
        Write(akka, text);
        return text.ToString();
    }

    private static void Write(IConfigurationSection section, StringBuilder text)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            text.Append(Quote(section.Value ?? string.Empty));
            return;
        }

        if (IsList(children))
        {
            text.Append('[');
            foreach (var item in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                Write(item, text);
                text.Append(", ");
            }

            text.Append(']');
            return;
        }

        text.Append("{\n");
        foreach (var child in children)
        {
            text.Append(Quote(child.Key)).Append(" = ");   // "key = { ... }" is HOCON too
            Write(child, text);
            text.Append('\n');
        }

        text.Append('}');
    }

    private static bool IsList(List<IConfigurationSection> children) =>
        children.Select(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Order().SequenceEqual(Enumerable.Range(0, children.Count));

    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
