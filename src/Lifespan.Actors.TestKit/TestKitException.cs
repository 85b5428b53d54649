using Xunit.Sdk;

namespace Lifespan.Actors.TestKit;

/// <summary>An expectation of the TestKit was not met; the message says what was expected and what arrived.</summary>
public sealed class TestKitException : XunitException
{
    /// <summary>Creates the exception.</summary>
    public TestKitException(string message) : base(message) { }

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public TestKitException(string message, Exception inner) : base(message, inner) { }
}
