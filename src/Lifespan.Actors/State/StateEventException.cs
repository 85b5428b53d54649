using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>An event sent with <see cref="SessionHub.DispatchAsync"/> was refused or its handler failed.</summary>
public sealed class StateEventException : Exception
{
    /// <summary>Creates the exception for <paramref name="handler"/> with the session's error message.</summary>
    public StateEventException(string handler, string message) : base(message) => Handler = handler;

    /// <summary>The handler, <c>StateName.Handler</c>.</summary>
    public string Handler { get; }
}
