using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Lifespan.Actors.Shutdown;

namespace Lifespan.Actors;

/// <summary>
/// A tree of actors with its guardians (<c>/user</c> for application actors, <c>/system</c> for the kernel's),
/// dead letters and event stream. Create one per application, and terminate it when the application stops.
/// </summary>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private long _tempCounter;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        KernelLogger = LoggerFactory.CreateLogger("Lifespan.Actors");
        Metrics = new KernelMetrics(name);
        EventStream = new EventStream();
        DeadLetterSink = new DeadLetterSink(this);
        var rootPath = ActorPath.CreateRoot(name);
        DeadLetters = new DeadLettersRef(rootPath.Child("deadLetters"), DeadLetterSink);
        TempPath = rootPath.Child("temp");

        _root = new ActorCell(this, Props.Create(() => new RootGuardian()).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy), null, string.Empty);
        _userGuardian = _root.CreateChild(Props.Create(() => new Guardian()), "user", allowReserved: false);
        _systemGuardian = _root.CreateChild(Props.Create(() => new Guardian()), "system", allowReserved: false);
        _root.Start();

        CoordinatedShutdown = new CoordinatedShutdown(options.Shutdown, LoggerFactory.CreateLogger("Lifespan.Actors.Shutdown"));
        CoordinatedShutdown.AddTask(ShutdownPhases.ActorSystemTerminate, "terminate actor tree", ct => TerminateTree().WaitAsync(ct));
    }

    /// <summary>The system's name, part of every path's address.</summary>
    public string Name { get; }

    /// <summary>The options the system was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>Where the kernel and actors log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Services for <see cref="Props.FromServices{TActor}"/>, if any.</summary>
    public IServiceProvider? Services => Options.Services;

    /// <summary>The sink of undeliverable messages; telling it a message counts and publishes it as a <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>How many dead letters the system has seen.</summary>
    public long DeadLetterCount => DeadLetterSink.Count;

    /// <summary>Publish/subscribe for system events such as <see cref="DeadLetter"/> and <see cref="UnhandledMessage"/>.</summary>
    public EventStream EventStream { get; }

    /// <summary>The phased shutdown of this system; its last phase stops the actor tree.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when the whole actor tree has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Whether the system has finished terminating.</summary>
    public bool IsTerminated => _terminated.Task.IsCompleted;

    internal ILogger KernelLogger { get; }

    internal KernelMetrics Metrics { get; }

    internal DeadLetterSink DeadLetterSink { get; }

    internal ActorPath TempPath { get; }

    internal IActorRef UserGuardian => _userGuardian.SelfRef;

    internal IActorRef SystemGuardian => _systemGuardian.SelfRef;

    /// <summary>Creates and starts an actor system.</summary>
    /// <param name="name">ASCII letters, digits, '-' and '_'.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The name is empty or malformed, or an option is out of range.</exception>
    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"Actor system name '{name}' is invalid: {NameRule}", nameof(name));
        }

        options ??= new ActorSystemOptions();
        options.Validate();
        return new ActorSystem(name, options);
    }

    /// <summary>Creates and starts a top-level actor under <c>/user</c>; safe to call from any thread.</summary>
    /// <exception cref="InvalidActorNameException">The name is empty, malformed, starts with <c>$</c> or is taken.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates a kernel actor under <c>/system</c>.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    /// <summary>Stops <paramref name="actor"/> asynchronously (its current message finishes first).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not InternalActorRef target)
        {
            throw new NotSupportedException($"Cannot stop {actor.Path}: it is not an actor of this kernel.");
        }

        if (target is LocalActorRef local && !ReferenceEquals(local.Cell.System, this))
        {
            throw new ArgumentException($"Cannot stop {actor.Path}: it belongs to actor system '{local.Cell.System.Name}', not '{Name}'.", nameof(actor));
        }

        target.SendSystemMessage(new Terminate());
    }

    /// <summary>
    /// Runs the <see cref="CoordinatedShutdown"/> (reason <see cref="ShutdownReason.ActorSystemTerminate"/>, unless it is
    /// already running), whose last phase stops every actor — application actors first, then the kernel's — and
    /// returns <see cref="WhenTerminated"/>.
    /// </summary>
    public Task Terminate()
    {
        _ = CoordinatedShutdown.RunAsync(ShutdownReason.ActorSystemTerminate);
        return WhenTerminated;
    }

    /// <summary>Stops the actor tree directly (the last shutdown phase).</summary>
    private Task TerminateTree()
    {
        _userGuardian.SelfRef.SendSystemMessage(new Terminate());
        return WhenTerminated;
    }

    /// <summary>Terminates the system and waits up to <see cref="ActorSystemOptions.TerminateTimeout"/> for it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Terminate().WaitAsync(Options.TerminateTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            KernelLog.TerminateTimedOut(KernelLogger, Name, Options.TerminateTimeout);
        }
    }

    internal ActorPath NextTempPath(string prefix) =>
        TempPath.Child(prefix + ActorName.Generate(Interlocked.Increment(ref _tempCounter)));

    internal void PublishUnhandled(object message, IActorRef sender, IActorRef recipient)
    {
        KernelLog.Unhandled(KernelLogger, message.GetType().Name, recipient.Path, sender.Path);
        EventStream.Publish(new UnhandledMessage(message, sender, recipient));
    }

    internal void OnRootTerminated()
    {
        Metrics.Dispose();
        _terminated.TrySetResult();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSystem({Name})";

    /// <summary>What a system name may contain.</summary>
    internal const string NameRule = "use ASCII letters, digits, '-' and '_', starting with a letter or digit.";

    /// <summary>Whether <paramref name="name"/> may name an actor system.</summary>
    internal static bool IsValidName(string? name) => !string.IsNullOrWhiteSpace(name) && SystemNamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex SystemNamePattern();
}
