using Demo.Host;
using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;

var builder = WebApplication.CreateBuilder(args);
// app.conf sits above appsettings.json; environment variables and the command line still override it.
builder.Configuration.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "hocon", "app.conf"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args);
builder.Services.AddSingleton<ModelCache>();
builder.Services.AddSingleton<PollLog>();
builder.Services.AddLifespanActors();

var app = builder.Build();
app.RegisterLifespanTask(SeedTasks.LongRunningTask, new { foo = 42, bar = app.Configuration["demo:bar"] ?? "bar" });
app.RegisterLifespanTask(SeedTasks.SetupModel);
app.RegisterLifespanTask(SeedTasks.CheckConfiguration);

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

try
{
    app.Run();
    return 0;
}
catch (LifespanStartupException ex)
{
    // The host has already logged the failure; say why on stderr and exit non-zero.
    await Console.Error.WriteLineAsync($"The app did not start: {ex.Message}");
    return 1;
}
