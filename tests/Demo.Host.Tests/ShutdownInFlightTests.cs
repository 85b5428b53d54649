using System.Net;
using System.Text;

namespace Demo.Host.Tests;

/// <summary>
/// What is under way when SIGTERM comes finishes or is cancelled in order: the web server drains its requests before
/// the actors stop, and the sessions' background tasks end before the web server stops listening.
/// </summary>
public sealed class ShutdownInFlightTests
{
    private const int SIGTERM = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_request_in_flight_at_SIGTERM_that_asks_an_actor_gets_its_200()
    {
        await using var host = DemoHostProcess.Start();
        await host.WaitForOutputAsync("Application started", StartTimeout);
        var body = new GatedContent($$"""{"token":"{{Lifespan.Actors.Sessions.SessionToken.New()}}","handler":"MyTaskState.ClearCounter"}""");
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = StopTimeout };
        using var http = new HttpClient(handler) { BaseAddress = host.Address, Timeout = StopTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = body };
        request.Headers.ExpectContinue = true;   // the body goes only once the endpoint reads it: then the request is in flight

        var answer = http.SendAsync(request);
        await body.Wanted.Task.WaitAsync(StartTimeout);
        host.Signal(SIGTERM);
        await host.WaitForOutputAsync("Application is shutting down", StopTimeout);
        body.Send.SetResult();   // the endpoint now sends the event to its session and awaits the answer

        using var response = await answer;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{host.Output}");
        Assert.Equal(0, await host.WaitForExitAsync(StopTimeout));
        Assert.True(host.LineOf("Actor system demo terminated") > host.LineOf("Application is shutting down"), host.Output);
    }

    [Fact]
    public async Task At_SIGTERM_while_the_posts_demo_fetches_its_background_task_is_cancelled_and_nothing_logs_an_error()
    {
        await using var host = DemoHostProcess.Start(new Dictionary<string, string> { ["demo__posts-delay"] = "400ms" });
        await host.WaitForOutputAsync("Application started", StartTimeout);
        using var session = await SessionSocket.OpenAsync(host.Address!);

        await session.SendAsync("""{"type":"event","id":1,"handler":"PostsState.GetPosts"}""");
        while (true)
        {
            // The first post has arrived: the task is calling the app's own posts API for the next one.
            var frame = await session.ReceiveAsync();
            Assert.NotEqual("error", frame.GetProperty("type").GetString());
            if (frame.GetProperty("state").GetProperty("PostsState").TryGetProperty("posts", out var posts) && posts.GetArrayLength() > 0)
            {
                break;
            }
        }

        host.Signal(SIGTERM);

        Assert.Equal(0, await host.WaitForExitAsync(StopTimeout));
        var errors = host.Output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Error-level entries:\n{string.Join('\n', errors)}\n\nThe whole output:\n{host.Output}");
        Assert.Contains("Actor system demo terminated", host.Output, StringComparison.Ordinal);
    }

    /// <summary>A request body that is written only when the test says so, and says when the server asked for it.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public GatedContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource Wanted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Send { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Wanted.TrySetResult();
            await Send.Task.WaitAsync(StopTimeout);
            await stream.WriteAsync(_bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
