namespace Demo.Host.Endpoints;

/// <summary>The demo's pages at clean URLs, and its icon, served from wwwroot.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        MapPage(app, "/", "counter.html");
        MapPage(app, "/counter", "counter.html");
        MapPage(app, "/posts", "posts.html");
        MapPage(app, "/lifespan", "lifespan.html");
        MapPage(app, "/actors", "actors.html");

        // The pages link /favicon.svg; a browser still asks for /favicon.ico where a page names no icon (the JSON
        // endpoints opened in a tab), so that path answers with the same icon instead of a 404.
        app.MapGet("/favicon.ico", () => Results.File("favicon.svg", "image/svg+xml")).ExcludeFromDescription();
        return app;
    }

    private static void MapPage(IEndpointRouteBuilder app, string path, string file) =>
        app.MapGet(path, () => Results.File(file, "text/html; charset=utf-8")).ExcludeFromDescription();
}
