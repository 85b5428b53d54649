using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
    public static AkkaConfigurationBuilder AddLifespanActors(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.AddLifespanActors(services, new LifespanActorsOptions());

    /// <inheritdoc cref="AddLifespanActors(AkkaConfigurationBuilder, IServiceProvider)"/>
    /// <param name="builder">The builder given to <c>services.AddAkka(name, (builder, services) => ...)</c>.</param>
    /// <param name="services">The app's services, the second argument of that callback.</param>
    /// <param name="configure">Sets the Akka settings of the library's actors (shutdown phase timeouts, say).</param>
    public static AkkaConfigurationBuilder AddLifespanActors(this AkkaConfigurationBuilder builder, IServiceProvider services, Action<LifespanActorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LifespanActorsOptions();
        configure(options);
        return builder.AddLifespanActors(services, options);
    }

    /// <inheritdoc cref="AddLifespanActors(AkkaConfigurationBuilder, IServiceProvider)"/>
    /// <param name="builder">The builder given to <c>services.AddAkka(name, (builder, services) => ...)</c>.</param>
    /// <param name="services">The app's services, the second argument of that callback.</param>
    /// <param name="options">The Akka settings of the library's actors; those left <see langword="null"/> keep the configuration's or the defaults.</param>
    public static AkkaConfigurationBuilder AddLifespanActors(this AkkaConfigurationBuilder builder, IServiceProvider services, LifespanActorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (services.GetService<IConfiguration>()?.GetSection("akka") is { } akka && AkkaSection.ToHocon(akka) is { Length: > 0 } hocon)
        {
            builder.AddHocon(hocon, HoconAddMode.Prepend);
        }

        if (options.ToHocon() is { Length: > 0 } explicitSettings)
        {
            builder.AddHocon(explicitSettings, HoconAddMode.Prepend);   // after the configuration's: prepended last, read first
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
