using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Hosting;

/// <summary>Maps the WebSocket endpoint through which browser clients talk to their sessions.</summary>
public static class SessionEndpointExtensions
{
    /// <summary>
    /// Maps a WebSocket endpoint at <paramref name="pattern"/> speaking the session protocol (see the README): a
    /// client says <c>{"type":"hello"}</c> (or resumes with <c>"token"</c>), gets its token and full state, sends
    /// <c>event</c> frames, and receives <c>delta</c> and <c>error</c> frames. Adds the WebSocket middleware if needed.
    /// </summary>
    public static IEndpointConventionBuilder MapLifespanSessions(this WebApplication app, string pattern = "/_events", Action<SessionEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new SessionEndpointOptions();
        configure?.Invoke(options);
        options.Validate();
        app.UseWebSockets();
        // The hub and the actor system are looked up per connection: they start with the host, after this is mapped.
        var stopping = app.Services.GetRequiredService<SessionEndpointLifetime>().Unbound;   // the app stopping, or service-unbind
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lifespan.Actors.Hosting.Sessions");

        return app.Map(pattern, async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("This endpoint speaks the session protocol over WebSocket.", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            if (!IsAllowedOrigin(context.Request, options))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("This origin may not open session connections.", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var hub = context.RequestServices.GetRequiredService<SessionHub>();
            var system = context.RequestServices.GetRequiredService<ActorSystem>();
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var connection = new SessionConnection(socket, hub, system, options, logger);
            await connection.RunAsync(stopping, context.RequestAborted).ConfigureAwait(false);
        });
    }

    private static bool IsAllowedOrigin(HttpRequest request, SessionEndpointOptions options)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
