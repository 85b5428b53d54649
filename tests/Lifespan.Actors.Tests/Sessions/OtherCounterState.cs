
namespace Lifespan.Actors.Tests.Sessions.Other;

/// <summary>A second class named CounterState, which a session cannot hold beside the first.</summary>
public partial class CounterState : global::Lifespan.Actors.State.State
{
    public partial int Count { get; set; }
}
