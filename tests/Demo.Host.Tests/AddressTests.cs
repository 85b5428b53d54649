using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Demo.Host.Tests;

/// <summary>Where the demo listens: the standard ASP.NET Core settings move it; without any, it is on 127.0.0.1:5000.</summary>
public sealed class AddressTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASPNETCORE_URLS_moves_the_app()
    {
        var url = FreeLoopbackUrl();
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url }, arguments: []);
        await AssertServesAtAsync(host, url);
    }

    [Fact]
    public async Task The_urls_argument_wins_over_ASPNETCORE_URLS()
    {
        var url = FreeLoopbackUrl();
        await using var host = DemoHostProcess.Start(
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:1" }, arguments: ["--urls", url]);
        await AssertServesAtAsync(host, url);
    }

    [Fact]
    public async Task Kestrel_endpoints_in_configuration_move_the_app()
    {
        var url = FreeLoopbackUrl();
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["Kestrel__Endpoints__Http__Url"] = url }, arguments: []);
        await AssertServesAtAsync(host, url);
        Assert.DoesNotContain("Overriding address", host.Output, StringComparison.Ordinal);   // no default fighting the endpoint
    }

    [Fact]
    public async Task Without_any_setting_the_app_listens_on_127_0_0_1_port_5000()
    {
        await using var host = DemoHostProcess.Start(arguments: []);

        // Another app may hold port 5000 on a shared machine: a failure to bind to it shows the address as well.
        await host.WaitForOutputAsync("http://127.0.0.1:5000", StartTimeout);
        Assert.True(
            host.Output.Contains("Now listening on: http://127.0.0.1:5000", StringComparison.Ordinal) ||
            host.Output.Contains("Failed to bind to address http://127.0.0.1:5000", StringComparison.Ordinal),
            host.Output);
    }

    private static async Task AssertServesAtAsync(DemoHostProcess host, string url)
    {
        await host.WaitForOutputAsync("Now listening on:", StartTimeout);
        Assert.Equal(new Uri(url), host.Address);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(10) };
        var prediction = await http.GetFromJsonAsync<JsonElement>("/predict?x=2");
        Assert.Equal(84, prediction.GetProperty("result").GetDouble());
    }

    /// <summary>An address on a port that was free a moment ago (the app must be told a port to prove it used it).</summary>
    private static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
