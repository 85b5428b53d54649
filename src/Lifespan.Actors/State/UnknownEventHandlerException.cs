
namespace Lifespan.Actors.State;

/// <summary>An event names a state class or a handler the session does not have.</summary>
public sealed class UnknownEventHandlerException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="handler"/>, explaining what exists instead.</summary>
    public UnknownEventHandlerException(string handler, string detail)
        : base($"Unknown event handler '{handler}': {detail}")
    {
        Handler = handler;
    }

    /// <summary>The handler the event named.</summary>
    public string Handler { get; }
}
