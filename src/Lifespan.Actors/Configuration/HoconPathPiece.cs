namespace Lifespan.Actors.Configuration;

/// <summary>One token of a path expression (a key or the inside of a substitution).</summary>
internal readonly record struct HoconPathPiece(string Text, HoconPathPieceKind Kind);
