using Lifespan.Actors.Configuration;

namespace Demo.Host.Endpoints;

/// <summary>The in-process posts API the posts page's background task calls: a stand-in for jsonplaceholder.</summary>
internal static class PostsApiEndpoints
{
    private static readonly string[] Titles =
    [
        "Background tasks keep the page responsive",
        "One event at a time, per session",
        "Take the lock only to change the state",
        "Lifespan tasks start before traffic",
        "Setups in order, teardowns in reverse",
        "A supervisor restarts what fails",
        "Deltas carry only what changed",
        "Resume a session with its token",
        "Idle sessions passivate",
        "Shut down in phases",
    ];

    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        // GET /api/posts/3 -> {"id":3,"title":"Post 3: ...","body":"..."} after demo.posts-delay (a slow API).
        app.MapGet("/api/posts/{id:int}", async Task<IResult> (int id, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            if (id < 1)
            {
                return Results.NotFound();
            }

            await Task.Delay(configuration.GetDuration("demo:posts-delay", TimeSpan.FromMilliseconds(300)), cancellationToken);
            var title = $"Post {id}: {Titles[(id - 1) % Titles.Length]}";
            return Results.Ok(new Post(id, title, $"The body of post {id}."));
        });
        return app;
    }
}
