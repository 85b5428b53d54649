namespace Lifespan.Actors.Configuration;

/// <summary>
/// Thrown when HOCON text is malformed or cannot be resolved (an unknown required substitution, an include cycle, ...).
/// The message starts with the position, compiler style: <c>app.conf(3,14): expected '}' ...</c>.
/// </summary>
public sealed class HoconParseException : FormatException
{
    /// <summary>Creates an exception without position information.</summary>
    public HoconParseException()
    {
    }

    /// <summary>Creates an exception without position information.</summary>
    public HoconParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without position information.</summary>
    public HoconParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a problem at a 1-based <paramref name="line"/> and <paramref name="column"/> of <paramref name="fileName"/>.</summary>
    public HoconParseException(string reason, string? fileName, int line, int column)
        : base($"{HoconLocation.Format(fileName, line, column)}: {reason}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
    }

    /// <summary>The file the problem is in, or <see langword="null"/> for text that did not come from a named file.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column (in UTF-16 characters) of the problem, or 0 when unknown.</summary>
    public int Column { get; }
}
