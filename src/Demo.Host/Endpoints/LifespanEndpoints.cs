using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Demo.Host.Endpoints;

/// <summary>The JSON the lifespan page polls: the seeds' model and ticks, the lifespan tasks, the running background tasks.</summary>
internal static class LifespanEndpoints
{
    public static IEndpointRouteBuilder MapLifespanEndpoints(this IEndpointRouteBuilder app)
    {
        // The FastAPI seed's endpoint: the model the setup_model lifespan task loaded. JSON has no NaN or infinity, so a
        // query or a prediction outside the finite numbers is a 400 that says so, not a failed response.
        app.MapGet("/predict", (double x, ModelCache mlModels) =>
        {
            if (!double.IsFinite(x))
            {
                return Results.BadRequest(new { error = $"x must be a finite number, not {x}." });
            }

            var result = mlModels["answer_to_everything"](x);
            return double.IsFinite(result)
                ? Results.Ok(new { result })
                : Results.BadRequest(new { error = $"The prediction for x = {x} is not a finite number; try a smaller x." });
        });

        app.MapGet("/lifespan/tasks", (LifespanApp lifespan) => lifespan.GetLifespanTasks().Select(t => new
        {
            t.Name,
            Shape = t.Shape.ToString(),
            Status = t.Status.ToString(),
            t.RestartCount,
            Error = t.Exception?.Message,
        }));

        app.MapGet("/lifespan/ticks", (PollLog ticks) => ticks.Recent());

        // Session tokens are shortened: a full token would let anyone who reads this page take over the session.
        app.MapGet("/lifespan/background-tasks", (LifespanApp lifespan) => lifespan.BackgroundTasks.Select(t => new
        {
            t.Id,
            Session = SessionToken.Redact(t.SessionToken),
            t.Handler,
            Started = t.StartedAt,
        }));
        return app;
    }
}
