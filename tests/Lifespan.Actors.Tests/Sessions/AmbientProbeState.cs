
namespace Lifespan.Actors.Tests.Sessions;

/// <summary>A state whose handler reports the async-local value it sees, for the tests of the context handlers run in.</summary>
public partial class AmbientProbeState : global::Lifespan.Actors.State.State
{
    /// <summary>Set by a test before it sends; a handler in the session's own context must not see it.</summary>
    public static readonly AsyncLocal<string?> Ambient = new();

    public partial string? SeenAmbient { get; set; }

    /// <summary>Records the ambient value it sees, then sets its own (which must not leak back to the sender).</summary>
    public void ReadAmbient()
    {
        SeenAmbient = Ambient.Value ?? "(none)";
        Ambient.Value = "set by the handler";
    }
}
