namespace Lifespan.Actors.State;

/// <summary>An event's payload does not fit its handler: an argument is missing, extra, or of the wrong type.</summary>
public sealed class StateEventBindingException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="argument"/> of <paramref name="handler"/>.</summary>
    public StateEventBindingException(string handler, string argument, string problem, Exception? innerException = null)
        : base($"Event {handler}: argument '{argument}' {problem}.", innerException)
    {
        Handler = handler;
        Argument = argument;
    }

    /// <summary>The handler, <c>StateName.Handler</c>.</summary>
    public string Handler { get; }

    /// <summary>The argument that did not bind.</summary>
    public string Argument { get; }
}
