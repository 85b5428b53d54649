using System.Net.Http.Json;
using System.Text.Json;

namespace Demo.Host.Tests;

public sealed class LifespanEndToEndTests
{
    private const int SIGTERM = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Seeds_run_in_order_serve_predict_and_stop_cleanly_on_SIGTERM()
    {
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["demo__poll-interval"] = "100ms" });
        await host.WaitForOutputAsync("Application started", StartTimeout);

        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(10) };
        var prediction = await http.GetFromJsonAsync<JsonElement>("/predict?x=2");
        Assert.Equal(84, prediction.GetProperty("result").GetDouble());
        foreach (var (x, says) in new[] { ("NaN", "x must be a finite number"), ("1e308", "is not a finite number; try a smaller x") })
        {
            using var bad = await http.GetAsync(new Uri($"/predict?x={x}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(says, await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));   // Akka.Hosting's liveness check
        var token = Lifespan.Actors.Sessions.SessionToken.New();
        using (var applied = await http.PostAsJsonAsync("/api/events", new { token, handler = "MyTaskState.ClearCounter" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, applied.StatusCode);
        }

        using (var refused = await http.PostAsJsonAsync("/api/events", new { token, handler = "MyTaskState.Nope" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("MyTaskState.Nope", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var tasks = await http.GetFromJsonAsync<JsonElement>("/lifespan/tasks");
        Assert.Equal(["long-running-task", "setup-model", "check-configuration"], tasks.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.All(tasks.EnumerateArray(), t => Assert.Equal("Running", t.GetProperty("status").GetString()));

        host.Signal(SIGTERM);
        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        // Setups in order, before the server took traffic.
        var starting = host.LineOf("Starting 42 bar-from-config task");
        var loaded = host.LineOf("Model loaded");
        var listening = host.LineOf("Now listening on");
        Assert.True(starting >= 0 && loaded > 0 && listening > loaded, host.Output);
        Assert.True(host.LineOf("Lifespan task check-configuration is set up") < listening, host.Output);

        // The task is cancelled, then the resource torn down, then the actor system stops; exit code 0.
        // Teardowns in reverse registration order: check-configuration (registered last) before setup-model.
        var stopped = host.LineOf("Task was stopped");
        var released = host.LineOf("Configuration check released");
        var unloaded = host.LineOf("Model unloaded");
        var terminated = host.LineOf("Actor system demo terminated (the host stopped)");
        Assert.True(stopped > listening && released > stopped && unloaded > released && terminated > unloaded, host.Output);
    }

    [Fact]
    public async Task A_failing_setup_makes_the_app_exit_non_zero_naming_the_task()
    {
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["demo__fail-setup"] = "true" });
        var exitCode = await host.WaitForExitAsync(StartTimeout);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Lifespan task 'check-configuration' failed to start", host.Output, StringComparison.Ordinal);
        Assert.Contains("demo.fail-setup is true", host.Output, StringComparison.Ordinal);
        Assert.True(host.LineOf("Model unloaded") > host.LineOf("Model loaded"), host.Output);   // rolled back
        Assert.Equal(-1, host.LineOf("Now listening on"));
    }

    [Fact]
    public async Task A_setup_that_stops_the_app_makes_it_stop_in_order_and_exit_zero()
    {
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["demo__stop-during-setup"] = "true" });
        var exitCode = await host.WaitForExitAsync(StartTimeout);
        Assert.Equal(0, exitCode);
        Assert.Contains("asked to stop while its lifespan tasks started; the 3 of 3 that had started were stopped again", host.Output, StringComparison.Ordinal);
        var (loaded, stopped, released, unloaded) =
            (host.LineOf("Model loaded"), host.LineOf("Task was stopped"), host.LineOf("Configuration check released"), host.LineOf("Model unloaded"));
        Assert.True(loaded >= 0 && stopped > loaded && released > stopped && unloaded > released, host.Output);   // the poller cancelled, then the resources newest first
        Assert.DoesNotContain("The app did not start", host.Output, StringComparison.Ordinal);
        Assert.Equal(-1, host.LineOf("Now listening on"));   // the web server does not start once the app is stopping
    }
}
