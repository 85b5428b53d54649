namespace Lifespan.Actors.Configuration;

/// <summary>How a piece of a path expression was written.</summary>
internal enum HoconPathPieceKind
{
    Unquoted,
    Quoted,
    Whitespace,
}
