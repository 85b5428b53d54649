using System.Net.Http.Json;
using System.Text.Json;
using Akka.Hosting;
using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReadmeExamples;
using SessionOptions = Lifespan.Actors.Sessions.SessionOptions;

namespace Lifespan.Actors.Tests;

/// <summary>The README's examples, compiled and run: the tour's app, its state class and its tests, and the hosting recipe.</summary>
public sealed class ReadmeTests : TestKit
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The tour's app: the two calls side by side, a poller and a resource, a request that reads the resource.</summary>
    private static WebApplication TourApp(CapturingLoggerProvider log, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.AddSingleton<ModelCache>();
        builder.Services.AddLifespanActors(a => a.AddState<CounterState>());          // the DI half
        builder.Services.AddAkka("app", (akka, sp) => akka.AddLifespanActors(sp));     // the actor half
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.RegisterLifespanTask(ReadmeExamples.Program.PollUpdates, new { foo = 42, bar = app.Configuration["BAR_PARAM"] ?? "bar" });
        app.RegisterLifespanTask(ReadmeExamples.Program.SetupModel);
        app.MapGet("/predict", (double x, LifespanState<ModelCache> models) => new { result = models.Value["answer"](x) });
        app.MapLifespanSessions("/_events");
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    [Fact]
    public async Task The_tour_app_starts_its_tasks_before_it_serves_and_stops_them_in_reverse()
    {
        var log = new CapturingLoggerProvider();
        await using var app = TourApp(log);
        await app.StartAsync();
        Assert.Equal([LifespanTaskStatus.Running, LifespanTaskStatus.Running], app.GetLifespanTasks().Select(t => t.Status));
        Assert.Equal(["poll-updates", "setup-model"], app.GetLifespanTasks().Select(t => t.Name));
        Assert.Contains(log.Entries, e => e.Text == "polling with 42 and bar");

        using var http = new HttpClient { BaseAddress = Address(app) };
        var answer = await http.GetFromJsonAsync<JsonElement>("/predict?x=2");
        Assert.Equal(84, answer.GetProperty("result").GetDouble());

        await app.StopAsync(new CancellationTokenSource(StopTimeout).Token);
        Assert.Equal([LifespanTaskStatus.Cancelled, LifespanTaskStatus.TornDown], app.GetLifespanTasks().Select(t => t.Status));
        Assert.Contains(log.Entries, e => e.Text == "poller stopped");
        Assert.Empty(app.Services.GetRequiredService<ModelCache>());   // the teardown ran
    }

    [Fact]
    public async Task Either_half_alone_fails_at_startup_naming_the_other()
    {
        var noAkka = WebApplication.CreateBuilder();
        noAkka.WebHost.UseUrls("http://127.0.0.1:0");
        noAkka.Logging.ClearProviders();
        noAkka.Services.AddLifespanActors();
        await using (var app = noAkka.Build())
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
            Assert.Contains("AddAkka(", ex.Message, StringComparison.Ordinal);
            await app.StopAsync(new CancellationTokenSource(StopTimeout).Token);
        }

        var noServices = WebApplication.CreateBuilder();
        noServices.WebHost.UseUrls("http://127.0.0.1:0");
        noServices.Logging.ClearProviders();
        noServices.Services.AddAkka("app", (akka, sp) => akka.AddLifespanActors(sp));
        await using (var app = noServices.Build())
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
            Assert.Contains("builder.Services.AddLifespanActors(", ex.Message, StringComparison.Ordinal);
            // The host failed while building its hosted services (the AddAkka callback threw): nothing started, nothing to stop.
        }
    }

    /// <summary>The hosting section: Akka logs through Microsoft.Extensions.Logging, /healthz, the registry's keys.</summary>
    [Fact]
    public async Task The_hosting_recipe_serves_healthz_and_registers_both_actors()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var log = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(log);
        builder.Services.AddLifespanActors();
        builder.Services.AddHealthChecks();
        builder.Services.AddAkka("app", (akka, sp) => akka
            .ConfigureLoggers(s => { s.ClearLoggers(); s.AddLoggerFactory(); })
            .WithActorSystemLivenessCheck()
            .AddLifespanActors(sp));
        await using var app = builder.Build();
        app.MapHealthChecks("/healthz");
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = Address(app) };
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        var sessions = await app.Services.GetRequiredService<IRequiredActor<SessionRegionKey>>().GetAsync();
        var lifespan = await app.Services.GetRequiredService<IRequiredActor<LifespanGuardianKey>>().GetAsync();
        Assert.Equal("/user/sessions", sessions.Path.ToStringWithoutAddress());
        Assert.Equal("/user/lifespan", lifespan.Path.ToStringWithoutAddress());

        app.Services.GetRequiredService<ActorSystem>().DeadLetters.Tell("nobody", ActorRefs.NoSender);   // Akka logs a dead letter...
        await AwaitAssertAsync(() => Assert.Contains(log.Entries, e =>                                   // ...through the host's logging
            e.Category.StartsWith("Akka.", StringComparison.Ordinal) && e.Text.Contains("was not delivered", StringComparison.Ordinal)));
        await app.StopAsync(new CancellationTokenSource(StopTimeout).Token);
    }

    /// <summary>The configuration section's example: lifespan settings bound, the akka section handed to Akka resolved.</summary>
    [Fact]
    public async Task The_configuration_example_reaches_the_settings_and_the_actor_system()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddHoconString("""
            lifespan {
              tasks.startup-timeout = 2 minutes
              sessions.passivate-after = 10 minutes
            }
            stop-timeout = 15s
            akka {
              loglevel = INFO
              actor.default-dispatcher.throughput = 50
              coordinated-shutdown.phases.service-stop.timeout = ${stop-timeout}
            }
            """);
        builder.Services.AddLifespanActors();
        builder.Services.AddAkka("app", (akka, sp) => akka.AddLifespanActors(sp));
        using var host = builder.Build();
        await host.StartAsync();

        var settings = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LifespanSettings>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Tasks.StartupTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Sessions.PassivateAfter);
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(50, system.Settings.Config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(15), CoordinatedShutdown.Get(system).Timeout(CoordinatedShutdown.PhaseServiceStop));
        Assert.False(system.Settings.Config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));   // the library's default
        await host.StopAsync(new CancellationTokenSource(StopTimeout).Token);
    }

    // The tour's tests, as the README shows them.

    [Fact]
    public async Task Start_counts_in_the_background()
    {
        var hub = SessionHub.Start(Sys, new SessionOptions().AddState<CounterState>());
        var token = SessionToken.New();
        var client = CreateTestProbe();
        await hub.SubscribeAsync(token, client.Ref);

        hub.Send(token, CounterState.Events.Start());
        Assert.Equal("""{"CounterState":{"running":true}}""", (await client.ExpectMsgAsync<SessionDelta>()).Json);
        Assert.Equal("""{"CounterState":{"count":1}}""", (await client.ExpectMsgAsync<SessionDelta>()).Json);
    }

    [Fact]
    public async Task The_heartbeat_beats_until_the_app_stops()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddLifespanActors(a => a.RegisterLifespanTask(ReadmeExamples.Program.Heartbeat, new { listener = TestActor }));
        builder.Services.AddAkka("test", (akka, sp) => akka.AddLifespanActors(sp));
        using var host = builder.Build();

        await host.StartAsync();
        await ExpectMsgAsync("beat");
        await host.StopAsync();
        await FishForMessageAsync(m => m is "stopped");
    }
}
