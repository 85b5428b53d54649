namespace Demo.Host.Endpoints;

/// <summary>The demo's pages at clean URLs, served from wwwroot.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        MapPage(app, "/", "counter.html");
        MapPage(app, "/counter", "counter.html");
        MapPage(app, "/posts", "posts.html");
        MapPage(app, "/lifespan", "lifespan.html");
        MapPage(app, "/actors", "actors.html");
        return app;
    }

    private static void MapPage(IEndpointRouteBuilder app, string path, string file) =>
        app.MapGet(path, () => Results.File(file, "text/html; charset=utf-8")).ExcludeFromDescription();
}
