using Akka.Hosting;
using Lifespan.Actors.Hosting;
using Lifespan.Actors.Lifespan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

/// <summary>
/// The set-up is two calls, <c>services.AddLifespanActors(...)</c> and <c>akka.AddLifespanActors(services)</c> inside
/// <c>AddAkka</c>: either without the other fails the start, naming the missing one, before any lifespan task runs.
/// </summary>
public sealed class TwoCallSetUpTests
{
    private const string MissingAkkaHalf = "call AddLifespanActors(services) on the AkkaConfigurationBuilder too, as in builder.Services.AddAkka(\"name\", (akka, services) => akka.AddLifespanActors(services)).";

    [Fact]
    public async Task The_library_services_without_the_actors_in_AddAkka_fail_the_start_naming_the_missing_call()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Builder();
        builder.Services.AddLifespanActors(a => a.RegisterLifespanTask(() => { started.TrySetResult(); }));
        builder.Services.AddAkka("half", (_, _) => { });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.EndsWith(MissingAkkaHalf, ex.Message, StringComparison.Ordinal);
        Assert.False(started.Task.IsCompleted);
        Assert.All(host.Services.GetRequiredService<LifespanApp>().GetLifespanTasks(), t => Assert.Equal(LifespanTaskStatus.Pending, t.Status));
    }

    [Fact]
    public async Task The_library_services_without_AddAkka_at_all_fail_the_start_naming_the_missing_call()
    {
        var builder = Builder();
        builder.Services.AddLifespanActors();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.EndsWith(MissingAkkaHalf, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_actors_in_AddAkka_without_the_library_services_fail_the_start_naming_the_missing_call()
    {
        var builder = Builder();
        builder.Services.AddAkka("half", (akka, services) => akka.AddLifespanActors(services));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(
            "AddLifespanActors(services) inside AddAkka(...) needs the library's services: call builder.Services.AddLifespanActors(...) as well, before the app is built.",
            ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_calls_start_the_actors_and_the_lifespan()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Builder();
        builder.Services.AddLifespanActors(a => a.RegisterLifespanTask(() => { started.TrySetResult(); }));
        builder.Services.AddAkka("whole", (akka, services) => akka.AddLifespanActors(services));
        using var host = builder.Build();

        await host.StartAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        Assert.Equal("/user/lifespan", registry.Get<LifespanGuardianKey>().Path.ToStringWithoutAddress());
        Assert.Equal("/user/sessions", registry.Get<SessionRegionKey>().Path.ToStringWithoutAddress());
        await host.StopAsync();
    }

    private static HostApplicationBuilder Builder() => Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
}
