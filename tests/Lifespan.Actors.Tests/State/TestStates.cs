using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

/// <summary>Mirrors Reflex's background-task seed state.</summary>
public partial class MyTaskState : global::Lifespan.Actors.State.State
{
    public partial int Counter { get; set; }

    public partial int MaxCounter { get; set; }

    public partial bool Running { get; set; }

    private partial int NTasks { get; set; }

    public int TaskCount => NTasks;

    public void StartTask() => NTasks++;
}

public enum Mood
{
    Calm,
    Busy,
    Angry,
}

public sealed record Address(string Street, int Number);

/// <summary>A mutable class: a var holding one can change in place and be written back.</summary>
public sealed class Profile
{
    public string Name { get; set; } = string.Empty;
}

public partial class RichState : global::Lifespan.Actors.State.State
{
    public partial Mood Mood { get; set; }

    public partial Address? Home { get; set; }

    public partial Profile? Profile { get; set; }

    public partial string? Title { get; set; }

    public partial StateList<string> Tags { get; set; }

    public partial StateDictionary<string, int> Scores { get; set; }

    internal partial string Secret { get; set; }

    public partial int Limit { get; private set; }

    public void SetLimit(int limit) => Limit = limit;

    internal string ReadSecret() => Secret;

    public void WriteSecret(string secret) => Secret = secret;
}

/// <summary>A state derived from a generated state: its vars come after the base class's.</summary>
public partial class DerivedState : MyTaskState
{
    public partial string? Label { get; set; }
}

public partial class Outer
{
    public partial class NestedState : global::Lifespan.Actors.State.State
    {
        public partial int Value { get; set; }

        public partial StateList<int> Items { get; set; }
    }
}

/// <summary>Two vars of each collection type, to store one collection in both.</summary>
public partial class TwoListsState : global::Lifespan.Actors.State.State
{
    public partial StateList<string> Names { get; set; }

    public partial StateList<string> Archive { get; set; }

    public partial StateDictionary<string, int> Scores { get; set; }

    public partial StateDictionary<string, int> Best { get; set; }
}
