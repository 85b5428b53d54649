using System.Globalization;
using System.Text;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The Akka settings of the library's actors, for
/// <see cref="LifespanAkkaConfigurationBuilderExtensions.AddLifespanActors(Akka.Hosting.AkkaConfigurationBuilder, IServiceProvider, LifespanActorsOptions)"/>.
/// Every setting is <see langword="null"/> by default, which keeps what the app's <c>akka { }</c> configuration or the
/// library's defaults (<c>hocon/reference.conf</c>) say; a value set here is placed ahead of both.
/// </summary>
public sealed class LifespanActorsOptions
{
    /// <summary>
    /// How long the sessions' background tasks may take to end once cancelled: the timeout of Akka's
    /// <c>service-requests-done</c> phase, also used before the web server stops listening. Default Akka's 5 seconds.
    /// </summary>
    public TimeSpan? BackgroundTasksTimeout { get; set; }

    /// <summary>How long cancelled long-running lifespan tasks may take to end: the timeout of <c>service-stop</c>. Default Akka's 5 seconds.</summary>
    public TimeSpan? LongRunningTasksTimeout { get; set; }

    /// <summary>
    /// How long the shutdown handlers and teardowns may take together, shared fairly between them: the timeout of
    /// <c>before-actor-system-terminate</c>. Default Akka's 5 seconds.
    /// </summary>
    public TimeSpan? TearDownTimeout { get; set; }

    /// <summary>
    /// Whether Akka's own process-exit hook runs the coordinated shutdown (<c>akka.coordinated-shutdown.run-by-clr-shutdown-hook</c>).
    /// Default <see langword="false"/> (the library's default, unlike Akka's): the host then drains the web server
    /// before the coordinated shutdown runs, so requests in flight that ask actors still get their answers.
    /// </summary>
    public bool? RunByClrShutdownHook { get; set; }

    /// <summary>The settings given, as HOCON (empty when none is).</summary>
    internal string ToHocon()
    {
        var hocon = new StringBuilder();
        Phase(hocon, "service-requests-done", BackgroundTasksTimeout);
        Phase(hocon, "service-stop", LongRunningTasksTimeout);
        Phase(hocon, "before-actor-system-terminate", TearDownTimeout);
        if (RunByClrShutdownHook is { } hook)
        {
            hocon.Append("akka.coordinated-shutdown.run-by-clr-shutdown-hook = ").Append(hook ? "on" : "off").Append('\n');
        }

        return hocon.ToString();
    }

    private static void Phase(StringBuilder hocon, string phase, TimeSpan? timeout)
    {
        if (timeout is not { } value)
        {
            return;
        }

        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), value, $"The timeout of phase {phase} must be positive.");
        }

        hocon.Append(CultureInfo.InvariantCulture, $"akka.coordinated-shutdown.phases.{phase}.timeout = {(long)Math.Ceiling(value.TotalMilliseconds)}ms\n");
    }
}
