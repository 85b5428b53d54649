using Lifespan.Actors.State;

namespace Demo.Host.States;

/// <summary>
/// Reflex's background-task blog example: a background task fetches ten posts one at a time and appends each title
/// under the session's lock, so the page shows them arriving while it stays usable.
/// </summary>
internal sealed partial class PostsState : State
{
    /// <summary>How many posts one fetch gets.</summary>
    public const int PostCount = 10;

    public partial StateList<string> Posts { get; set; }

    /// <summary>Whether a fetch is under way; the page shows progress while it is.</summary>
    public partial bool Loading { get; set; }

    [BackgroundTask]
    public async Task GetPosts(CancellationToken cancellationToken)
    {
        await using (await LockAsync(cancellationToken))
        {
            if (Loading)
            {
                return;   // only one fetch at a time, as the seed's _n_tasks guard
            }

            Loading = true;
            Posts.Clear();
        }

        var api = Services.GetRequiredService<PostsApiClient>();
        try
        {
            for (var id = 1; id <= PostCount; id++)
            {
                // The request runs outside the lock: the session takes other events meanwhile.
                var post = await api.GetPostAsync(id, cancellationToken);
                await using (await LockAsync(cancellationToken))
                {
                    Posts.Add(post.Title);
                }
            }
        }
        finally
        {
            // However the fetch ends (done, failed, cancelled, the app stopping), the next click can fetch again.
            await using (await LockAsync(CancellationToken.None))
            {
                Loading = false;
            }
        }
    }
}
