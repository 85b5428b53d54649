namespace Lifespan.Actors.Configuration;

/// <summary>A file to include: <see cref="Name"/> identifies it (for nested includes, cycle detection and messages).</summary>
internal readonly record struct HoconIncludedFile(string Name, string Text);
