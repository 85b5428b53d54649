using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>The Reflex background-task seeds (002: MyTaskState; 003: the posts task), run as written.</summary>
public sealed class SeedTests : SessionTestKit
{
    [Fact]
    public async Task MyTaskState_counts_to_max_counter_then_stops_and_its_task_ends()
    {
        var (token, client) = await NewSessionAsync();
        await Hub.DispatchAsync(token, Event("MyTaskState.SetMaxCounter", new { value = 5 }));

        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));

        Assert.True((await NextValueAsync(client, "MyTaskState", "running")).GetBoolean());
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, (await NextValueAsync(client, "MyTaskState", "counter")).GetInt32());
        }

        Assert.False((await NextValueAsync(client, "MyTaskState", "running")).GetBoolean());
        await NoBackgroundTasksAsync(token);
        Assert.Equal(0, await ReadAsync<MyTaskState, int>(token, s => s.RunningTasks));
    }

    [Fact]
    public async Task The_n_tasks_guard_lets_a_second_task_return_at_once_while_the_first_keeps_counting()
    {
        var (token, client) = await NewSessionAsync();
        var step = new SemaphoreSlim(0);
        MyTaskState.Sleeps[token] = ct => step.WaitAsync(ct);
        await Hub.DispatchAsync(token, Event("MyTaskState.SetMaxCounter", new { value = 100 }));

        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));            // task A starts
        await ExpectValueAsync(client, "MyTaskState", "counter", 1);                 // A counted once and sleeps
        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));            // stop...
        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));            // ...and start task B while A sleeps
        await AwaitConditionAsync(() => Hub.BackgroundTasks.Count(t => t.SessionToken == token) == 1);   // B saw _n_tasks > 0 and returned

        Assert.Equal(1, await ReadAsync<MyTaskState, int>(token, s => s.RunningTasks));
        step.Release();                                                                // A wakes, still running: counts again
        await ExpectValueAsync(client, "MyTaskState", "counter", 2);
        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));            // stop
        step.Release();
        await NoBackgroundTasksAsync(token);

        Assert.Equal(0, await ReadAsync<MyTaskState, int>(token, s => s.RunningTasks));
        Assert.Equal(2, await ReadAsync<MyTaskState, int>(token, s => s.Counter));
    }

    [Fact]
    public async Task Reset_while_the_task_runs_is_applied_at_once_and_the_task_counts_on_from_zero()
    {
        var (token, client) = await NewSessionAsync();
        var step = new SemaphoreSlim(0);
        MyTaskState.Sleeps[token] = ct => step.WaitAsync(ct);

        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));
        await ExpectValueAsync(client, "MyTaskState", "counter", 1);
        await Hub.DispatchAsync(token, Event("MyTaskState.ClearCounter"));   // the UI is not blocked by the running task
        await ExpectValueAsync(client, "MyTaskState", "counter", 0);

        step.Release();
        await ExpectValueAsync(client, "MyTaskState", "counter", 1);       // the lock gave the task the fresh value
        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));
        step.Release();
        await NoBackgroundTasksAsync(token);
    }

    [Fact]
    public async Task Increment_while_the_task_runs_changes_the_same_counter_and_the_task_counts_on_from_it()
    {
        var (token, client) = await NewSessionAsync();
        var step = new SemaphoreSlim(0);
        MyTaskState.Sleeps[token] = ct => step.WaitAsync(ct);

        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));
        await ExpectValueAsync(client, "MyTaskState", "counter", 1);       // the task's first step; it sleeps
        await Hub.DispatchAsync(token, Event("MyTaskState.Increment"));     // the demo's +1, applied while the task runs
        await ExpectValueAsync(client, "MyTaskState", "counter", 2);

        step.Release();
        await ExpectValueAsync(client, "MyTaskState", "counter", 3);       // the lock gave the task the value +1 left
        await Hub.DispatchAsync(token, Event("MyTaskState.ToggleRunning"));
        step.Release();
        await NoBackgroundTasksAsync(token);
        Assert.Equal(3, await ReadAsync<MyTaskState, int>(token, s => s.Counter));
    }

    [Fact]
    public async Task The_posts_task_appends_ten_posts_in_order_one_delta_each()
    {
        var (token, client) = await NewSessionAsync();
        var api = new FakePostsApi(TimeSpan.FromMilliseconds(5));
        using var http = new HttpClient(api) { BaseAddress = new Uri("http://posts.test/") };
        PostsState.Apis[token] = http;

        await Hub.DispatchAsync(token, Event("PostsState.GetPosts"));

        for (var i = 1; i <= 10; i++)
        {
            var posts = await NextValueAsync(client, "PostsState", "posts");
            Assert.Equal(Enumerable.Range(1, i).Select(n => $"Post {n}"), posts.EnumerateArray().Select(p => p.GetString()));
        }

        await NoBackgroundTasksAsync(token);
        Assert.Equal(10, api.Requests);
    }

    [Fact]
    public async Task Events_are_applied_while_the_posts_task_fetches()
    {
        var (token, client) = await NewSessionAsync();
        var responses = new SemaphoreSlim(0);
        var api = new FakePostsApi(TimeSpan.Zero, responses);
        using var http = new HttpClient(api) { BaseAddress = new Uri("http://posts.test/") };
        PostsState.Apis[token] = http;

        await Hub.DispatchAsync(token, Event("PostsState.GetPosts"));
        responses.Release(3);
        await NextValueAsync(client, "PostsState", "posts");
        await Hub.DispatchAsync(token, Event("LabelState.Rename", new { label = "still responsive" }));

        var delta = await client.FishForMessageAsync<SessionDelta>(d => d.Json.Contains("LabelState", StringComparison.Ordinal));
        Assert.Contains("still responsive", delta.Json, StringComparison.Ordinal);
        Assert.Contains(Hub.BackgroundTasks, t => t.SessionToken == token);   // the fetch is waiting for post 4
        responses.Release(7);
        await NoBackgroundTasksAsync(token);
        Assert.Equal(10, (await ReadAsync<PostsState, int>(token, s => s.Posts.Count)));
    }
}
