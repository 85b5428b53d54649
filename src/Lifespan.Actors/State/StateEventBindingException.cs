
namespace Lifespan.Actors.State;

/// <summary>An event's payload does not fit its handler: an argument is missing, extra, or of the wrong type.</summary>
public sealed class StateEventBindingException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="argument"/> of <paramref name="handler"/>.</summary>
    /// <param name="handler">The handler, <c>StateName.Handler</c>.</param>
    /// <param name="argument">The argument that did not bind.</param>
    /// <param name="problem">What is wrong with it, to follow "argument 'name'", such as "is missing from the payload".</param>
    /// <param name="innerException">The conversion error, if any.</param>
    public StateEventBindingException(string handler, string argument, string problem, Exception? innerException = null)
        : this(handler, argument, innerException, $"Event {handler}: argument '{argument}' {problem}.")
    {
    }

    private StateEventBindingException(string handler, string? argument, Exception? innerException, string message)
        : base(message, innerException)
    {
        Handler = handler;
        Argument = argument;
    }

    /// <summary>The handler, <c>StateName.Handler</c>.</summary>
    public string Handler { get; }

    /// <summary>
    /// The argument that did not bind; <see langword="null"/> when the payload as a whole does not fit (it is not a
    /// JSON object, or it gives more arguments than the handler takes).
    /// </summary>
    public string? Argument { get; }

    /// <summary>The payload as a whole does not fit <paramref name="handler"/>: <paramref name="problem"/> says how.</summary>
    internal static StateEventBindingException ForPayload(string handler, string problem) =>
        new(handler, null, null, $"Event {handler}: {problem}.");
}
