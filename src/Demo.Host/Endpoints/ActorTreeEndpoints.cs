using Lifespan.Actors;
using Lifespan.Actors.State;

namespace Demo.Host.Endpoints;

/// <summary>The live actor tree under <c>/user</c>, for the actors page.</summary>
internal static class ActorTreeEndpoints
{
    /// <summary>The most children listed per actor; the rest are counted in <c>omittedChildren</c>.</summary>
    private const int MaxChildren = 50;

    private const string Sessions = "/user/sessions";

    public static IEndpointRouteBuilder MapActorTree(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actors/tree", (ActorSystem system) =>
            system.GetActorTree(new ActorTreeOptions { Root = "/user", MaxChildren = MaxChildren }) is { } tree
                ? Results.Ok(RedactSessions(tree))
                : Results.NotFound());
        return app;
    }

    /// <summary>
    /// Session actors are named after their session's token; the page shows it shortened, as logs do, so that
    /// reading the tree does not hand out sessions.
    /// </summary>
    private static ActorTreeNode RedactSessions(ActorTreeNode node)
    {
        var path = node.Path;
        var name = node.Name;
        if (path.StartsWith(Sessions + "/", StringComparison.Ordinal))
        {
            var rest = path[(Sessions.Length + 1)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var token = slash < 0 ? rest : rest[..slash];
            path = string.Concat(Sessions, "/", SessionToken.Redact(token), slash < 0 ? string.Empty : rest[slash..]);
            if (slash < 0)
            {
                name = SessionToken.Redact(token);
            }
        }

        return node with { Name = name, Path = path, Children = [.. node.Children.Select(RedactSessions)] };
    }
}
