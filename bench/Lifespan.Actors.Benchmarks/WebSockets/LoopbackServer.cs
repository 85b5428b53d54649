using Akka.Hosting;
using Lifespan.Actors.Benchmarks.Sessions;
using Lifespan.Actors.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Benchmarks.WebSockets;

/// <summary>
/// One in-process Kestrel on 127.0.0.1 with an ephemeral port serving both subjects: the session endpoint
/// (<c>MapLifespanSessions("/_events")</c>, sessions holding only <see cref="BenchState"/>, set up as an app does:
/// <c>services.AddLifespanActors(...)</c> and <c>services.AddAkka(name, (akka, sp) =&gt; akka.AddLifespanActors(sp))</c>)
/// and the baseline (<see cref="BaselineEndpoint"/> at <c>/_baseline</c>).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    /// <summary>
    /// The per-connection frame rate the session endpoint is given: high enough that it never binds here (a client sends
    /// one event per round trip), so the figures measure the endpoint and the sessions, not the limiter's cap.
    /// </summary>
    public const int FramesPerSecond = 1_000_000;

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri root)
    {
        _app = app;
        ActorUri = new Uri(root, "/_events");
        BaselineUri = new Uri(root, "/_baseline");
    }

    public Uri ActorUri { get; }

    public Uri BaselineUri { get; }

    /// <summary>Starts the host; <paramref name="sessions"/> sizes <c>MaxSessions</c>. Warnings from the server go to the console.</summary>
    public static async Task<LoopbackServer> StartAsync(int sessions, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLifespanActors(actors =>
        {
            actors.AddState<BenchState>();
            actors.ConfigureSessions = s =>
            {
                s.PassivateAfter = TimeSpan.FromHours(1);   // no session is saved and restored during the run
                s.MaxSessions = Math.Max(s.MaxSessions, 2 * sessions);
            };
        });
        builder.Services.AddAkka("websockets-bench", (akka, services) => akka
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddLifespanActors(services));

        var app = builder.Build();
        app.MapLifespanSessions("/_events", o =>
        {
            o.FramesPerSecond = FramesPerSecond;
            o.FrameBurst = FramesPerSecond;
        });
        app.Map("/_baseline", BaselineEndpoint.HandleAsync);   // after MapLifespanSessions, which adds UseWebSockets
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
                ?? throw new InvalidOperationException("Kestrel did not report its address.");
            return new LoopbackServer(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal)));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the host (30-second deadline) and disposes it.</summary>
    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(deadline.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
