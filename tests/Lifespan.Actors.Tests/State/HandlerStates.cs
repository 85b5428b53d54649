using System.Runtime.CompilerServices;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State.Seed;

/// <summary>Reflex's background-task seed state, in C#.</summary>
public partial class MyTaskState : global::Lifespan.Actors.State.State
{
    public MyTaskState() => MaxCounter = 10;

    public partial int Counter { get; set; }

    public partial int MaxCounter { get; set; }

    public partial bool Running { get; set; }

    private partial int NTasks { get; set; }

    public StateEvent? ToggleRunning()
    {
        Running = !Running;
        return Running ? Events.MyTask() : null;
    }

    public void ClearCounter() => Counter = 0;

    [BackgroundTask]
    public async Task MyTask(CancellationToken cancellationToken)
    {
        // The body is completed by the runtime tests: the state's lock API does not exist yet.
        await Task.Delay(1, cancellationToken);
    }
}

/// <summary>Every handler shape: defaults, a cancellation token, an explicit setter, sequences and background tasks.</summary>
public partial class ShapesState : global::Lifespan.Actors.State.State
{
    public partial int Total { get; set; }

    public partial string? LastLabel { get; set; }

    public partial int Step { get; set; }

    internal CancellationToken LastToken { get; private set; }

    public void Add(int amount, string? label = "x", CancellationToken cancellationToken = default)
    {
        Total += amount;
        LastLabel = label;
        LastToken = cancellationToken;
    }

    /// <summary>Replaces the implicit setter of <see cref="Step"/>.</summary>
    public void SetStep(int step) => Step = step * 2;

    public StateEvent Once() => Events.Add(1);

    public IEnumerable<StateEvent> Many()
    {
        yield return Events.Add(1);
        yield return Events.Add(2, "two");
    }

    public async IAsyncEnumerable<StateEvent?> Stream([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return Events.SetStep(3);
    }

    public Task<StateEvent?> LaterAsync() => Task.FromResult<StateEvent?>(Events.Add(7, null));

    [BackgroundTask(CancelOnDisconnect = true)]
    public async ValueTask PollAsync(CancellationToken cancellationToken) => await Task.Delay(1, cancellationToken);

    internal string Describe() => $"{Total} {LastLabel}";
}

/// <summary>A derived state whose <c>Add</c> replaces the base class's handler of that name.</summary>
public partial class LoudShapesState : ShapesState
{
    public partial bool Loud { get; set; }

    public new void Add(int amount, string? label = "loud", CancellationToken cancellationToken = default) =>
        base.Add(amount * 10, label, cancellationToken);
}
