
namespace Lifespan.Actors.State;

/// <summary>An event's handler name resolved to its state (by index in the session's states) and handler.</summary>
internal sealed class ResolvedHandler(string name, int index, StateHandler handler)
{
    public string Name { get; } = name;

    public int Index { get; } = index;

    public StateHandler Handler { get; } = handler;
}
