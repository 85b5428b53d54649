using Lifespan.Actors.Lifespan;
using Lifespan.Actors.State;

namespace Demo.Host.Endpoints;

/// <summary>The JSON the lifespan page polls: the seeds' model and ticks, the lifespan tasks, the running background tasks.</summary>
internal static class LifespanEndpoints
{
    public static IEndpointRouteBuilder MapLifespanEndpoints(this IEndpointRouteBuilder app)
    {
        // The FastAPI seed's endpoint: the model the setup_model lifespan task loaded.
        app.MapGet("/predict", (double x, ModelCache mlModels) => Results.Ok(new { result = mlModels["answer_to_everything"](x) }));

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
