using System.Text;

namespace Lifespan.Actors.Generators;

/// <summary>Writes indented lines of generated C#.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>Writes <paramref name="text"/> at the current indent, then a line break.</summary>
    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4).Append(text);
        }

        _sb.Append('\n');
    }

    /// <summary>Opens a block.</summary>
    public void Open()
    {
        Line("{");
        _indent++;
    }

    /// <summary>Closes a block, followed by <paramref name="suffix"/>.</summary>
    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <inheritdoc />
    public override string ToString() => _sb.ToString();
}
