using System.Net;
using System.Net.Sockets;
using Lifespan.Actors.Hosting;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests.Hosting;

public sealed class WebHostOrderTests : TestKit
{
    private static async IAsyncEnumerable<string> SlowSetup(IActorRef probe, TaskCompletionSource gate)
    {
        probe.Tell("setting up");
        await gate.Task;
        probe.Tell("set up");
        yield return "ready";
        probe.Tell("torn down");
    }

    [Fact]
    public async Task No_request_is_answered_before_every_setup_has_finished()
    {
        var port = FreePort();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddLifespanActors(a => a.RegisterLifespanTask(SlowSetup, new { probe = TestActor, gate }));
        builder.Services.AddAkka("web-host-order", (akka, services) => akka.AddLifespanActors(services));
        await using var app = builder.Build();
        app.MapGet("/", () => Results.Text("hello"));

        var starting = app.StartAsync();
        await ExpectMsgAsync("setting up");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var early = http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        var failedOrPending = await Task.WhenAny(early, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.True(failedOrPending != early || early.IsFaulted, "a request was answered while a setup was still running");

        gate.SetResult();
        await ExpectMsgAsync("set up");
        await starting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("hello", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));

        await app.StopAsync();
        await ExpectMsgAsync("torn down");   // after the server stopped, during the coordinated shutdown
    }

    [Fact]
    public async Task Resources_are_torn_down_only_after_in_flight_requests_have_finished()
    {
        var port = FreePort();
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddLifespanActors(a => a.RegisterLifespanTask(SlowSetup, new { probe = TestActor, gate = open }));
        builder.Services.AddAkka("web-host-order", (akka, services) => akka.AddLifespanActors(services));
        await using var app = builder.Build();
        app.MapGet("/slow", async () => { TestActor.Tell("request started"); await answer.Task; return Results.Text("done"); });
        await app.StartAsync();
        await ReceiveNAsync(2).ToListAsync();   // setting up, set up

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var request = http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/slow"));
        await ExpectMsgAsync("request started");
        var stopping = app.StopAsync();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));   // the request is in flight: no teardown yet
        answer.SetResult();
        Assert.Equal("done", await request);
        await ExpectMsgAsync("torn down");
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Works_with_Host_CreateApplicationBuilder_and_stops_the_host_if_the_actor_system_ends()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLifespanActors();
        builder.Services.AddAkka("web-host-order", (akka, services) => akka.AddLifespanActors(services));
        using var host = builder.Build();
        await host.StartAsync();
        var lifetime = (IHostApplicationLifetime)host.Services.GetService(typeof(IHostApplicationLifetime))!;
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        var system = (ActorSystem)host.Services.GetService(typeof(ActorSystem))!;
        await system.Terminate();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.StopAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
