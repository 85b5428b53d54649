using System.Collections.Concurrent;
using System.Net.Http.Json;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>Seed 002, in C#: a counter a background task increments under the lock while the UI stays usable.</summary>
public partial class MyTaskState : global::Lifespan.Actors.State.State
{
    /// <summary>What the seed's <c>await asyncio.sleep(0.5)</c> does, per session (tests replace it with a gate).</summary>
    public static readonly ConcurrentDictionary<string, Func<CancellationToken, Task>> Sleeps = new();

    public MyTaskState() => MaxCounter = 10;

    public partial int Counter { get; set; }

    public partial int MaxCounter { get; set; }

    public partial bool Running { get; set; }

    private partial int NTasks { get; set; }

    /// <summary>The backend var <c>_n_tasks</c>, readable by tests.</summary>
    public int RunningTasks => NTasks;

    [BackgroundTask]
    public async Task MyTask(CancellationToken cancellationToken)
    {
        await using (await LockAsync(cancellationToken))
        {
            // The latest state values are always available inside the lock.
            if (NTasks > 0)
            {
                return;   // only allow 1 concurrent task
            }

            // State mutation is only allowed inside the lock.
            NTasks++;
        }

        while (true)
        {
            await using (await LockAsync(cancellationToken))
            {
                // Check for stopping conditions inside the lock.
                if (Counter >= MaxCounter)
                {
                    Running = false;
                }

                if (!Running)
                {
                    NTasks--;
                    return;
                }

                Counter++;
            }

            // Await long operations outside the lock to avoid blocking the UI.
            await Sleep(cancellationToken);
        }
    }

    public StateEvent? ToggleRunning()
    {
        Running = !Running;
        return Running ? Events.MyTask() : null;
    }

    public void ClearCounter() => Counter = 0;

    /// <summary>The demo's +1: an ordinary event that changes the counter the task counts.</summary>
    public void Increment() => Counter++;

    private Task Sleep(CancellationToken cancellationToken) =>
        ClientToken is { } token && Sleeps.TryGetValue(token, out var sleep) ? sleep(cancellationToken) : Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
}

/// <summary>Seed 003, in C#: ten posts fetched by a background task, appended one at a time under the lock.</summary>
public partial class PostsState : global::Lifespan.Actors.State.State
{
    /// <summary>The posts API the task calls, per session.</summary>
    public static readonly ConcurrentDictionary<string, HttpClient> Apis = new();

    public partial StateList<string> Posts { get; set; }

    [BackgroundTask]
    public async Task GetPosts(CancellationToken cancellationToken)
    {
        var client = Apis[ClientToken!];
        for (var pid = 1; pid <= 10; pid++)
        {
            var post = await client.GetFromJsonAsync<Post>($"posts/{pid}", cancellationToken);
            await using (await LockAsync(cancellationToken))
            {
                Posts.Add(post!.Title);
            }
        }
    }

    public sealed record Post(int Id, string Title);
}

/// <summary>An in-process posts API with a delay per request, standing in for the seed's jsonplaceholder.</summary>
public sealed class FakePostsApi(TimeSpan delay, SemaphoreSlim? gate = null) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        await Task.Delay(delay, cancellationToken);
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        var id = int.Parse(request.RequestUri!.Segments[^1], System.Globalization.CultureInfo.InvariantCulture);
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = JsonContent.Create(new PostsState.Post(id, $"Post {id}")) };
    }
}
