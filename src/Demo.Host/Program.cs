using Lifespan.Actors;
using Lifespan.Actors.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLifespanActors(actors => actors.SystemName = "demo");

var app = builder.Build();
app.MapGet("/", (ActorSystem system) => Results.Ok(new { system = system.Name, terminated = system.IsTerminated }));
app.Run();
