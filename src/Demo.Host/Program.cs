using Akka.Hosting;
using Demo.Host;
using Demo.Host.Endpoints;
using Demo.Host.States;
using Lifespan.Actors.Configuration;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;

// The content root is the app's own folder, so that wwwroot and appsettings.json are found from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// app.conf sits above appsettings.json; environment variables and the command line still override it.
builder.Configuration.AddHoconFile(Path.Combine(AppContext.BaseDirectory, "hocon", "app.conf"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args);
// http://127.0.0.1:5000 unless ASPNETCORE_URLS, --urls, Kestrel:Endpoints or the like say otherwise.
builder.UseDefaultAddressUnlessConfigured();
builder.Services.AddSingleton<ModelCache>();
builder.Services.AddSingleton<PollLog>();
builder.Services.AddHttpClient<PostsApiClient>();
// The two halves of the set-up: the library's services, and its actors in the app's Akka.NET actor system.
builder.Services.AddLifespanActors(actors => actors.AddState<MyTaskState>().AddState<PostsState>());
builder.Services.AddAkka("demo", (akka, services) => akka
    .ConfigureLoggers(loggers =>
    {
        loggers.ClearLoggers();
        loggers.AddLoggerFactory();   // Akka's log through the app's logging, with its filters
    })
    .WithActorSystemLivenessCheck()
    .AddLifespanActors(services));
builder.Services.AddHealthChecks();

var app = builder.Build();
app.RegisterLifespanTask(SeedTasks.LongRunningTask, new { foo = 42, bar = app.Configuration["demo:bar"] ?? "bar" });
app.RegisterLifespanTask(SeedTasks.SetupModel);
app.RegisterLifespanTask(SeedTasks.CheckConfiguration);

app.UseStaticFiles();
app.MapLifespanSessions("/_events");
app.MapPages();
app.MapPostsApi();
app.MapEventApi();
app.MapLifespanEndpoints();
app.MapActorTree();
app.MapHealthChecks("/healthz");   // Akka.Hosting's liveness check: unhealthy once the actor system has terminated

var stopping = app.Lifetime.ApplicationStopping;   // taken now: the app's services are disposed when Run returns
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
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // Asked to stop during startup (Ctrl+C, SIGTERM, a setup's StopApplication()): the lifespan stopped what had
    // started, in order. The web server does not start once the app is stopping, and the host rethrows its
    // cancellation; that is the orderly stop, not a failure.
    return 0;
}
