using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Demo.Host.Endpoints;

/// <summary>
/// The live actor tree under <c>/user</c>, for the actors page, built from what the app's own actors know: the lifespan
/// tasks (<c>/user/lifespan</c>), the running sessions with their background tasks (asked of <c>/user/sessions</c>)
/// and the WebSocket connections subscribed to them (<c>/user/ws-&lt;n&gt;</c>). A session is named by the hash of its
/// token, as its actor is: reading the tree hands out no session.
/// </summary>
internal static class ActorTreeEndpoints
{
    /// <summary>The most sessions listed; the rest are counted in <c>omittedChildren</c>.</summary>
    private const int MaxChildren = 50;

    public static IEndpointRouteBuilder MapActorTree(this IEndpointRouteBuilder app)
    {
        app.MapGet("/actors/tree", async (SessionHub sessions, LifespanApp lifespan, ActorRegistry actors, CancellationToken cancellationToken) =>
        {
            var running = await sessions.GetRunningSessionsAsync(MaxChildren, cancellationToken);
            List<ActorNode> children = [];
            if (actors.TryGet<LifespanGuardianKey>(out var guardian))
            {
                children.Add(Lifespan(guardian, lifespan.GetLifespanTasks()));
            }

            if (actors.TryGet<SessionRegionKey>(out var registry))
            {
                children.Add(Sessions(registry, running));
            }

            children.AddRange(Connections(running));
            return Results.Ok(new ActorNode("user", "/user", "user guardian", null, null, false, children, 0));
        });
        return app;
    }

    private static ActorNode Lifespan(IActorRef guardian, IReadOnlyList<LifespanTask> tasks)
    {
        var path = guardian.Path.ToStringWithoutAddress();
        var children = tasks.Select(t => new ActorNode(
            t.ActorName,
            $"{path}/{t.ActorName}",
            "LifespanTaskActor",
            t.RestartCount > 0 ? $"{t.Shape}, {t.Status}, restarted {t.RestartCount}×" : $"{t.Shape}, {t.Status}",
            null,
            t.Status is LifespanTaskStatus.Starting,
            [],
            0));
        return new ActorNode("lifespan", path, "LifespanGuardian", $"{tasks.Count} task(s)", null, false, [.. children], 0);
    }

    private static ActorNode Sessions(IActorRef registry, RunningSessions running)
    {
        var children = running.Sessions.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new ActorNode(
            s.Id,
            s.Path,
            "StateActor",
            Describe(s),
            s.Waiting,
            s.Waiting > 0 || s.BackgroundTasks.Count > 0,
            [.. s.BackgroundTasks.Select(t => new ActorNode(t.Name, $"{s.Path}/{t.Name}", "BackgroundTaskActor", $"{t.Handler}, since {t.StartedAt:HH:mm:ss}", null, true, [], 0))],
            0));
        return new ActorNode(
            "sessions",
            registry.Path.ToStringWithoutAddress(),
            "SessionRegistry",
            running.Count == 1 ? "1 session" : $"{running.Count} sessions",
            running.Sessions.Sum(s => s.Waiting),
            false,
            [.. children],
            running.Count - running.Sessions.Count);
    }

    /// <summary>The connection actors directly under <c>/user</c> that the listed sessions have as subscribers.</summary>
    private static IEnumerable<ActorNode> Connections(RunningSessions running) =>
        running.Sessions
            .SelectMany(s => s.Subscribers.Where(p => p.StartsWith("/user/ws-", StringComparison.Ordinal)).Select(p => (Path: p, Session: s.Id)))
            .GroupBy(c => c.Path, StringComparer.Ordinal)
            .OrderBy(c => ConnectionNumber(c.Key))
            .Select(c => new ActorNode(c.Key["/user/".Length..], c.Key, "ConnectionActor", $"subscribed to {string.Join(", ", c.Select(x => Short(x.Session)))}", null, false, [], 0));

    private static string Describe(RunningSession session)
    {
        var subscribers = session.Subscribers.Count == 1 ? "1 subscriber" : $"{session.Subscribers.Count} subscribers";
        return session.Passivating ? subscribers + ", saving itself" : subscribers;
    }

    private static string Short(string id) => id.Length <= 8 ? id : string.Concat(id.AsSpan(0, 8), "…");

    private static long ConnectionNumber(string path)
    {
        var digits = new string(path["/user/ws-".Length..].TakeWhile(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
    }

    /// <summary>An actor as the page draws it; <paramref name="Waiting"/> counts the events waiting for it, where known.</summary>
    private sealed record ActorNode(
        string Name,
        string Path,
        string ActorType,
        string? Detail,
        int? Waiting,
        bool Busy,
        IReadOnlyList<ActorNode> Children,
        int OmittedChildren);
}
