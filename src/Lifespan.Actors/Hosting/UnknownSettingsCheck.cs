using Microsoft.Extensions.Configuration;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// Refuses keys under <c>lifespan</c> that name no setting of <c>hocon/reference.conf</c>: a misspelt or misplaced
/// setting would otherwise be ignored, and its default used without a word.
/// </summary>
internal static class UnknownSettingsCheck
{
    /// <summary>Throws for the first key of <paramref name="lifespan"/> (the <c>lifespan</c> section) that is not a setting.</summary>
    /// <exception cref="InvalidOperationException">A key names no setting; the message names it and the settings beside it.</exception>
    public static void ThrowIfAny(IConfiguration lifespan) => Check(lifespan, LifespanSettings.ReferenceSection, "lifespan");

    private static void Check(IConfiguration section, IConfiguration reference, string path)
    {
        var known = reference.GetChildren().ToList();
        if (known.Count == 0)
        {
            return;   // a single-value setting given an object or a list: the binder names it and what it takes
        }

        foreach (var child in section.GetChildren())
        {
            var template = known.Find(k => string.Equals(k.Key, child.Key, StringComparison.OrdinalIgnoreCase));
            if (template is null && Moved(path, child.Key) is { } moved)
            {
                throw new InvalidOperationException($"{path}.{child.Key} is no longer a setting: {moved}");
            }

            if (template is null)
            {
                throw new InvalidOperationException(
                    $"{path}.{child.Key} is not a setting, so it would be ignored; {path} has {string.Join(", ", known.Select(k => k.Key))}. " +
                    "hocon/reference.conf lists every setting with its default.");
            }

            Check(child, template, $"{path}.{child.Key}");
        }
    }

    /// <summary>Where a setting of earlier versions went, now that Akka.NET runs the actors.</summary>
    private static string? Moved(string path, string key) => (path.ToLowerInvariant(), key.ToLowerInvariant()) switch
    {
        ("lifespan", "actor-system") => "the actor system is Akka.NET's; its name is the one given to services.AddAkka(name, ...), and its settings are under akka { } (akka.actor.default-dispatcher.throughput, akka.log-dead-letters).",
        ("lifespan", "shutdown") => "the shutdown is Akka.NET's CoordinatedShutdown; set its phases under akka.coordinated-shutdown (akka.coordinated-shutdown.phases.service-stop.timeout = 5s).",
        ("lifespan.sessions", "allow-inline-events") => "every event goes through /user/sessions now, and no handler runs on the sender's thread; remove it.",
        _ => null,
    };
}
