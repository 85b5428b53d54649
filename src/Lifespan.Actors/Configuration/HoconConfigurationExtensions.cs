using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Lifespan.Actors.Configuration;

/// <summary>
/// Adds HOCON sources to an <see cref="IConfigurationBuilder"/>. Object paths become keys joined with ':'
/// (<c>a.b-c.d</c> is <c>a:b-c:d</c>), array items <c>key:0</c>, <c>key:1</c>, ...; values are strings as written
/// (<c>5s</c> stays <c>5s</c>; read it with <see cref="HoconConfigurationValueExtensions.GetDuration"/>) and null stays null.
/// HOCON keys are case-sensitive but configuration keys are not, so two HOCON paths that differ only in case fail the load.
/// </summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds the HOCON file at <paramref name="path"/> (relative to the builder's base path).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="optional">Whether a missing file is ignored; otherwise building the configuration throws <see cref="FileNotFoundException"/>.</param>
    /// <param name="reloadOnChange">Whether the configuration reloads when the file changes (included files are not watched).</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false) =>
        AddHoconFile(builder, provider: null, path, optional, reloadOnChange);

    /// <summary>Adds the HOCON file at <paramref name="path"/> read through <paramref name="provider"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The provider to read the file from; null to use the builder's, or a physical provider for an absolute path.</param>
    /// <param name="path">The file's path, relative to the provider's root.</param>
    /// <param name="optional">Whether a missing file is ignored.</param>
    /// <param name="reloadOnChange">Whether the configuration reloads when the file changes.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, IFileProvider? provider, string path, bool optional, bool reloadOnChange)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHoconFile(source =>
        {
            source.FileProvider = provider;
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds a HOCON file source configured by <paramref name="configureSource"/>.</summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, Action<HoconConfigurationSource>? configureSource) =>
        builder.Add(configureSource);

    /// <summary>Adds HOCON read from <paramref name="stream"/>; includes resolve relative to the current directory.</summary>
    public static IConfigurationBuilder AddHoconStream(this IConfigurationBuilder builder, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stream);
        return builder.Add<HoconStreamConfigurationSource>(source => source.Stream = stream);
    }

    /// <summary>Adds the HOCON text <paramref name="hocon"/>; includes resolve relative to the current directory.</summary>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string hocon)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hocon);
        return builder.Add(new HoconStringConfigurationSource(hocon));
    }
}
