using System.Text.Json;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Demo.Host.Endpoints;

/// <summary>
/// Sends an event to a session over plain HTTP, for scripts and <c>curl</c>: what the page sends over its WebSocket.
/// <c>POST /api/events {"token": "...", "handler": "MyTaskState.ClearCounter", "payload": {}}</c> answers 200 once the
/// event has been applied, or 400 saying why it was refused or failed. Like <c>SessionHub.DispatchAsync</c>, it starts
/// (or restores) the session if it does not run.
/// </summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", async Task<IResult> (EventRequest request, SessionHub sessions, CancellationToken cancellationToken) =>
        {
            if (SessionToken.Problem(request.Token) is { } problem)
            {
                return Results.BadRequest(new { error = $"That is no session token: {problem}." });
            }

            if (string.IsNullOrEmpty(request.Handler))
            {
                return Results.BadRequest(new { error = "An event needs a \"handler\": \"StateName.Handler\"." });
            }

            try
            {
                await sessions.DispatchAsync(request.Token!, StateEvent.FromPayload(request.Handler, request.Payload), cancellationToken);
                return Results.Ok(new { applied = request.Handler });
            }
            catch (StateEventException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        });
        return app;
    }

    /// <summary>The body of <c>POST /api/events</c>.</summary>
    internal sealed record EventRequest(string? Token, string? Handler, JsonElement Payload);
}
