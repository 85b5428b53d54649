namespace Lifespan.Actors.Shutdown;

/// <summary>Why a <see cref="CoordinatedShutdown"/> ran.</summary>
/// <param name="Name">A short description.</param>
public sealed record ShutdownReason(string Name)
{
    /// <summary>The host was asked to stop (<c>StopApplication</c>, or the host's own shutdown).</summary>
    public static ShutdownReason ApplicationStop { get; } = new("application stop");

    /// <summary>The process received SIGTERM or SIGINT (Ctrl+C).</summary>
    public static ShutdownReason ProcessSignal { get; } = new("process signal");

    /// <summary><see cref="ActorSystem.Terminate"/> was called.</summary>
    public static ShutdownReason ActorSystemTerminate { get; } = new("actor system terminate");

    /// <summary>The actor tree stopped on its own (its top-level guardian failed or stopped).</summary>
    public static ShutdownReason ActorSystemStopped { get; } = new("actor system stopped on its own");

    /// <inheritdoc />
    public override string ToString() => Name;
}
