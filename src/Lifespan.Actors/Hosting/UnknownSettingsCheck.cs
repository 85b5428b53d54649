using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Refuses keys under <c>lifespan</c> that name no setting of <c>hocon/reference.conf</c>: a misspelt or misplaced
/// setting would otherwise be ignored, and its default used without a word.
/// </summary>
internal static class UnknownSettingsCheck
{
    private const string Phases = "lifespan.shutdown.phases";

    /// <summary>Throws for the first key of <paramref name="lifespan"/> (the <c>lifespan</c> section) that is not a setting.</summary>
    /// <exception cref="InvalidOperationException">A key names no setting; the message names it and the settings beside it.</exception>
    public static void ThrowIfAny(IConfiguration lifespan) => Check(lifespan, LifespanSettings.ReferenceSection, "lifespan");

    private static void Check(IConfiguration section, IConfiguration reference, string path)
    {
        var known = reference.GetChildren().ToList();
        if (known.Count == 0 && path != Phases)
        {
            return;   // a single-value setting given an object or a list: the binder names it and what it takes
        }

        foreach (var child in section.GetChildren())
        {
            // Every phase takes the settings of the phases reference.conf lists; ShutdownOptions refuses unknown phases.
            var template = known.Find(k => string.Equals(k.Key, child.Key, StringComparison.OrdinalIgnoreCase))
                ?? (path == Phases && known.Count > 0 ? known[0] : null);
            if (template is null)
            {
                throw new InvalidOperationException(
                    $"{path}.{child.Key} is not a setting, so it would be ignored; {path} has {string.Join(", ", known.Select(k => k.Key))}. " +
                    "hocon/reference.conf lists every setting with its default.");
            }

            Check(child, template, $"{path}.{child.Key}");
        }
    }
}
