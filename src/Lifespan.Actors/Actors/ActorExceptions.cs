namespace Lifespan.Actors;

/// <summary>An actor name is null, empty, malformed, reserved or already taken.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the offending path.</summary>
    public InvalidActorNameException(string message) : base(message) { }
}

/// <summary>An actor's constructor or <c>PreStart</c> (or <c>PostRestart</c>) threw; by default the actor is stopped.</summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception for the actor at <paramref name="path"/>.</summary>
    public ActorInitializationException(ActorPath path, string message, Exception? inner)
        : base(message, inner) => Path = path;

    /// <summary>The actor that could not start.</summary>
    public ActorPath Path { get; }
}

/// <summary>Raised inside an actor that received <see cref="Kill"/>; by default the actor is stopped.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorKilledException(string message) : base(message) { }
}

/// <summary>Raised in a watcher that did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates the exception for the stopped actor <paramref name="deadActor"/>.</summary>
    public DeathPactException(IActorRef deadActor)
        : base($"The watched actor {deadActor.Path} terminated and the watcher has no handler for Terminated; handle Terminated or Unwatch it.")
        => DeadActor = deadActor;

    /// <summary>The actor whose termination was not handled.</summary>
    public IActorRef DeadActor { get; }
}

/// <summary>An Ask got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with a message naming the target and the message type.</summary>
    public AskTimeoutException(string message) : base(message) { }
}

/// <summary>An Ask could not be answered because its target has stopped.</summary>
public sealed class AskTargetTerminatedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the target and the message type.</summary>
    public AskTargetTerminatedException(string message) : base(message) { }
}

/// <summary>An actor used its stash or its behaviour stack in a way that cannot work (for example stashing one message twice).</summary>
public sealed class IllegalActorStateException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public IllegalActorStateException(string message) : base(message) { }
}
