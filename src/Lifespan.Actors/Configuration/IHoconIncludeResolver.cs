namespace Lifespan.Actors.Configuration;

/// <summary>Finds the files an include statement names.</summary>
internal interface IHoconIncludeResolver
{
    /// <summary>
    /// The files for <paramref name="name"/> included from <paramref name="includingFile"/> (null for text that is not from a file);
    /// empty when none exist. A name without an extension that does not exist as written matches <c>name.json</c> and <c>name.conf</c>, in that order.
    /// </summary>
    IReadOnlyList<HoconIncludedFile> Resolve(string? includingFile, string name);

    /// <summary>The name <see cref="Resolve"/> would give <paramref name="fileName"/>, so that an include of the top-level file is seen as a cycle.</summary>
    string Identify(string fileName);
}
