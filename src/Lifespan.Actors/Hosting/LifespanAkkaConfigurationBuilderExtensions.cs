using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Lifespan.Actors.Sessions;

namespace Lifespan.Actors.Hosting;

/// <summary>Starts the actors of Lifespan.Actors in the app's Akka.Hosting <see cref="ActorSystem"/>.</summary>
public static class LifespanAkkaConfigurationBuilderExtensions
{
    /// <summary>
    /// The Akka settings the library changes from Akka's defaults, appended (the app's own settings win). With Akka's
    /// default <c>run-by-clr-shutdown-hook = on</c>, Akka's own SIGTERM handler runs the whole coordinated shutdown
    /// before the web server has drained, and a request in flight that asks an actor fails; off, the host drains the
    /// web server first and then runs the coordinated shutdown (see <c>hocon/reference.conf</c>).
    /// </summary>
    internal const string Defaults = """
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    /// <summary>
    /// Starts <c>/user/lifespan</c> (the lifespan tasks) and <c>/user/sessions</c> (client sessions) in this
    /// <see cref="ActorSystem"/>, registers them in the <see cref="ActorRegistry"/> (inject them as
    /// <c>IRequiredActor&lt;LifespanGuardianKey&gt;</c> and <c>IRequiredActor&lt;SessionRegionKey&gt;</c>), joins their
    /// shutdown to Akka's <see cref="CoordinatedShutdown"/>, and starts every lifespan task before the app takes
    /// traffic. The <c>akka</c> section of the app's configuration (HOCON, JSON, environment, command line) is handed to
    /// Akka resolved, ahead of the library's own defaults. Needs <c>services.AddLifespanActors(...)</c> too.
    /// </summary>
    /// <param name="builder">The builder given to <c>services.AddAkka(name, (builder, services) => ...)</c>.</param>
    /// <param name="services">The app's services, the second argument of that callback.</param>
    public static AkkaConfigurationBuilder AddLifespanActors(this AkkaConfigurationBuilder builder, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<IConfiguration>()?.GetSection("akka") is { } akka && AkkaSection.ToHocon(akka) is { Length: > 0 } hocon)
        {
            builder.AddHocon(hocon, HoconAddMode.Prepend);
        }

        builder.AddHocon(Defaults, HoconAddMode.Append);
        var controller = services.GetService<LifespanController>() ?? throw new InvalidOperationException(
            "AddLifespanActors(services) inside AddAkka(...) needs the library's services: call builder.Services.AddLifespanActors(...) as well, " +
            "before the app is built.");
        controller.MarkAddedToAkka();
        builder.StartActors((system, registry) => controller.StartActors(system, registry));
        builder.AddStartup(async (_, _) => await controller.StartLifespanAsync().ConfigureAwait(false));
        return builder;
    }
}
