using Lifespan.Actors.Shutdown;
using Microsoft.Extensions.Logging;

namespace Lifespan.Actors;

/// <summary>Settings of an <see cref="ActorSystem"/>. Defaults suit a server process.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The most user messages one actor processes before giving its thread to others. Default 30.</summary>
    public int Throughput { get; set; } = 30;

    /// <summary>How long a stopping actor waits for an async handler that ignores its cancelled token. Default 10 seconds.</summary>
    public TimeSpan HandlerStopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="ActorSystem.DisposeAsync"/> waits for the system to terminate. Default 30 seconds.</summary>
    public TimeSpan TerminateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many dead letters are logged one by one before logging is rate-limited. Default 10.</summary>
    public int DeadLetterLogLimit { get; set; } = 10;

    /// <summary>After <see cref="DeadLetterLogLimit"/>, at most one summary line per this interval. Default 1 minute.</summary>
    public TimeSpan DeadLetterLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where the kernel and actors log. Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Services for <see cref="Props.FromServices{TActor}"/>. Default: none.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The clock for timers, receive timeouts and restart windows. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The phases' timeouts and recovery of <see cref="ActorSystem.CoordinatedShutdown"/>.</summary>
    public ShutdownOptions Shutdown { get; set; } = new();

    /// <summary>Checks every option; a message names the option and its setting under <c>lifespan.actor-system</c>.</summary>
    internal void Validate()
    {
        Require(Throughput >= 1, nameof(Throughput), "dispatcher.throughput", Throughput, "be at least 1");
        Require(DeadLetterLogLimit >= 0, nameof(DeadLetterLogLimit), "dead-letters.log-limit", DeadLetterLogLimit, "not be negative");
        Require(HandlerStopTimeout > TimeSpan.Zero, nameof(HandlerStopTimeout), "handler-stop-timeout", HandlerStopTimeout, "be positive");
        Require(TerminateTimeout > TimeSpan.Zero, nameof(TerminateTimeout), "terminate-timeout", TerminateTimeout, "be positive");
        Require(DeadLetterLogInterval > TimeSpan.Zero, nameof(DeadLetterLogInterval), "dead-letters.log-interval", DeadLetterLogInterval, "be positive");
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(Shutdown);
        Shutdown.Validate();
    }

    private static void Require(bool ok, string option, string setting, object value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(option, value, $"lifespan.actor-system.{setting} must {rule} (ActorSystemOptions.{option}).");
        }
    }
}
