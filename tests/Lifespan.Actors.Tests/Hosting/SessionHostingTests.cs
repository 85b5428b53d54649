using Lifespan.Actors.Lifespan;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using Lifespan.Actors.Tests.Lifespan;
using Lifespan.Actors.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lifespan.Actors.Tests.Hosting;

public sealed class SessionHostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task States_registered_on_the_builder_serve_events_and_the_app_modifies_them_out_of_band()
    {
        var (host, _) = LifespanHost.Build(actors => actors.AddState<CounterState>().AddState<LabelState>());
        await host.StartAsync();
        var app = host.Services.GetRequiredService<LifespanApp>();
        var token = SessionToken.New();

        await app.Sessions.DispatchAsync(token, CounterState.Events.Add(2));
        await app.ModifyStateAsync<CounterState>(token, s => s.Count *= 10);

        Assert.Same(host.Services.GetRequiredService<SessionHub>(), app.Sessions);
        Assert.Equal("/user/sessions", app.Sessions.Registry.Path.ToStringWithoutAddress());
        var state = await app.Sessions.SubscribeAsync(token, Callback.Start(app.ActorSystem, _ => { }));
        Assert.Contains("\"CounterState\":{\"count\":20", state, StringComparison.Ordinal);
        await host.StopWithin(Timeout);
    }

    [Fact]
    public async Task Handlers_and_background_tasks_reach_the_app_services_through_Services()
    {
        var (host, _) = LifespanHost.Build(actors => actors.AddState<GreetingState>(), services: s => s.AddSingleton(new Greeter("Hello")));
        await host.StartAsync();
        var app = host.Services.GetRequiredService<LifespanApp>();
        var token = SessionToken.New();
        var greetedLater = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await app.Sessions.SubscribeAsync(token, Callback.Start(app.ActorSystem, message =>
        {
            if (message is SessionDelta { Json: var json } && json.Contains('!', StringComparison.Ordinal))
            {
                greetedLater.TrySetResult(json);
            }
        }));

        await app.Sessions.DispatchAsync(token, GreetingState.Events.Greet("Ada"));
        app.Sessions.Send(token, GreetingState.Events.GreetLater("Grace"));

        Assert.Contains("Hello, Grace!", await greetedLater.Task.WaitAsync(Timeout), StringComparison.Ordinal);
        await app.ModifyStateAsync<GreetingState>(token, s => Assert.Same(host.Services.GetRequiredService<Greeter>(), s.Services.GetRequiredService<Greeter>()));
        await host.StopWithin(Timeout);
    }

    [Fact]
    public async Task Session_settings_come_from_configuration_and_are_validated_on_start()
    {
        var (host, _) = LifespanHost.Build(
            actors => actors.AddState<CounterState>(),
            configuration: new() { ["lifespan:sessions:max-queued-events"] = "7", ["lifespan:sessions:passivate-after"] = "2 minutes" });
        await host.StartAsync();
        var options = host.Services.GetRequiredService<SessionHub>().Options;
        Assert.Equal(7, options.MaxQueuedEvents);
        Assert.Equal(TimeSpan.FromMinutes(2), options.PassivateAfter);
        Assert.Equal([typeof(CounterState)], options.States);
        await host.StopWithin(Timeout);

        var (bad, _) = LifespanHost.Build(actors => actors.AddState<CounterState>(), configuration: new() { ["lifespan:sessions:max-sessions"] = "0" });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => bad.StartAsync());
        Assert.Contains("lifespan.sessions.max-sessions must be at least 1 (it is 0)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_running_background_tasks_and_waits_for_them()
    {
        var (host, _) = LifespanHost.Build(actors => actors.AddState<CounterState>());
        await host.StartAsync();
        var app = host.Services.GetRequiredService<LifespanApp>();
        var token = SessionToken.New();
        await app.Sessions.DispatchAsync(token, CounterState.Events.WaitForCancelKeepOnDisconnect());
        Assert.Single(app.BackgroundTasks);
        var task = app.BackgroundTasks.Single();

        await host.StopWithin(Timeout);

        Assert.True(task.Ended.IsCompleted);
        Assert.Empty(app.BackgroundTasks);
    }

    [Fact]
    public void Two_state_classes_with_one_name_are_refused()
    {
        var options = new SessionOptions().AddState<CounterState>();
        var error = Assert.Throws<InvalidOperationException>(() => options.AddState<Tests.Sessions.Other.CounterState>());
        Assert.Contains("Two state classes are named CounterState", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A subscriber that hands every message it receives to a callback.</summary>
internal sealed class CallbackActor : ReceiveActor
{
    public CallbackActor(Action<object> onMessage) => ReceiveAny(onMessage);
}

internal static class Callback
{
    /// <summary>Starts a <see cref="CallbackActor"/> calling <paramref name="onMessage"/>.</summary>
    public static IActorRef Start(ActorSystem system, Action<object> onMessage) => system.ActorOf(Props.Create(() => new CallbackActor(onMessage)));
}

public sealed record Greeter(string Word)
{
    public string Greet(string name) => $"{Word}, {name}";
}

/// <summary>A state whose handler and background task use a service of the app.</summary>
public partial class GreetingState : global::Lifespan.Actors.State.State
{
    public partial string? Greeting { get; set; }

    public void Greet(string name) => Greeting = Services.GetRequiredService<Greeter>().Greet(name);

    [BackgroundTask]
    public async Task GreetLater(string name, CancellationToken cancellationToken)
    {
        var greeter = Services.GetRequiredService<Greeter>();
        await using (await LockAsync(cancellationToken))
        {
            Greeting = greeter.Greet(name) + "!";
        }
    }
}
