namespace Lifespan.Actors.Configuration;

/// <summary>The JSON type of a <see cref="HoconScalar"/>.</summary>
internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
