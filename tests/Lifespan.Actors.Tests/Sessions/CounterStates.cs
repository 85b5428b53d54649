using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>Handlers of every shape, for the session tests. Gates let tests hold a handler where they need it.</summary>
public partial class CounterState : global::Lifespan.Actors.State.State
{
    public static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    /// <summary>Completed, per session, once <see cref="HoldLock"/> holds the lock.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> LockHeld = new();

    public partial int Count { get; set; }

    public partial StateList<int> Seen { get; set; }

    private partial int OutOfOrder { get; set; }

    private partial int Touches { get; set; }

    public int Disorder => OutOfOrder;

    public void Increment() => Count++;

    public void Add(int amount) => Count += amount;

    public void Record(int n)
    {
        if (n != Count + 1)
        {
            OutOfOrder++;
        }

        Count = n;
    }

    public async Task AddLaterAsync(int amount, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Count += amount;
    }

    /// <summary>Adds 100, signals <see cref="HeldSignal"/>, waits at the session's gate, adds 1.</summary>
    public async Task WaitAtGate(CancellationToken cancellationToken)
    {
        Count += 100;
        HeldSignal(ClientToken!).TrySetResult();
        await Gate.WaitAsync(cancellationToken);
        Count += 1;
    }

    public void FailAfterChange(string message)
    {
        Count = 7;
        throw new InvalidOperationException(message);
    }

    public StateEvent? Chain(int times) => times > 0 ? Events.Chain(times - 1) : Events.Increment();

    public IEnumerable<StateEvent?> Steps()
    {
        Count = 1;
        yield return null;
        Count = 2;
        yield return Events.Add(10);
        Count = 3;
    }

    public async IAsyncEnumerable<StateEvent?> StepsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= 3; i++)
        {
            await Task.Yield();
            Seen.Add(i);
            yield return null;
        }

        yield return Events.Increment();
    }

    public void TouchBackendOnly() => Touches++;

    /// <summary>Increments under the lock <paramref name="times"/> times.</summary>
    [BackgroundTask]
    public async Task Pump(int times, CancellationToken cancellationToken)
    {
        for (var i = 0; i < times; i++)
        {
            await using (await LockAsync(cancellationToken))
            {
                Count++;
            }

            await Task.Yield();
        }
    }

    /// <summary>Several concurrent flows share this task's lock handle; each increments under it.</summary>
    [BackgroundTask]
    public async Task Fan(int flows, int times, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, flows).Select(async _ =>
        {
            for (var i = 0; i < times; i++)
            {
                await Task.Yield();
                await using (await LockAsync(cancellationToken))
                {
                    var seen = Count;
                    await Task.Yield();   // another flow must not get in here
                    Count = seen + 1;
                }
            }
        }));
    }

    [BackgroundTask]
    public async Task WriteOutsideLock(CancellationToken cancellationToken)
    {
        await Task.Yield();
        Count = -1;
    }

    [BackgroundTask]
    public async Task NestedLock(CancellationToken cancellationToken)
    {
        await using (await LockAsync(cancellationToken))
        {
            await using (await LockAsync(cancellationToken))
            {
                Count = -2;
            }
        }
    }

    [BackgroundTask(CancelOnDisconnect = true)]
    public async Task WaitForCancelOnDisconnect(CancellationToken cancellationToken) => await WaitForCancel(cancellationToken);

    [BackgroundTask]
    public async Task WaitForCancelKeepOnDisconnect(CancellationToken cancellationToken) => await WaitForCancel(cancellationToken);

    internal static TaskCompletionSource HeldSignal(string token) =>
        LockHeld.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    [BackgroundTask]
    public async Task HoldLock(CancellationToken cancellationToken)
    {
        await using (await LockAsync(cancellationToken))
        {
            Count++;
            HeldSignal(ClientToken!).TrySetResult();
            await Gate.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Holds its thread, as a long synchronous handler does, until the session's gate opens (30 s at most).</summary>
    public void HoldThread()
    {
        HeldSignal(ClientToken!).TrySetResult();
        if (!Gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("HoldThread's gate was not opened.");
        }

        Count += 1000;
    }

    /// <summary>Waits at the session's gate (30 s at most) without passing its token on: cancelling it changes nothing.</summary>
    [BackgroundTask]
    public async Task IgnoreCancellation(CancellationToken cancellationToken)
    {
        HeldSignal(ClientToken!).TrySetResult();
        await Gate.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    /// <summary>Adds <paramref name="item"/> under the lock to the list <see cref="Seen"/> held before it, once the gate opens.</summary>
    [BackgroundTask]
    public async Task AddToListTakenBeforeLock(int item, CancellationToken cancellationToken)
    {
        var seen = Seen;   // the task's copy's list, before the lock refreshes the copy
        await Gate.WaitAsync(cancellationToken);
        await using (await LockAsync(cancellationToken))
        {
            seen.Add(item);
        }
    }

    [BackgroundTask]
    public async Task<StateEvent?> IncrementThenChain(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return Events.Add(5);
    }

#pragma warning disable LSA0006 // the test needs the direct call the analyzer forbids
    public async Task CallBackgroundDirectly(CancellationToken cancellationToken) => await Pump(1, cancellationToken);
#pragma warning restore LSA0006

    private SemaphoreSlim Gate => Gates.GetOrAdd(ClientToken!, _ => new SemaphoreSlim(0));

    private async Task WaitForCancel(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            await using (await LockAsync(CancellationToken.None))
            {
                Count = -100;   // visible proof that the task saw its cancellation and cleaned up
            }
        }
    }
}

/// <summary>A second state class in the same sessions.</summary>
public partial class LabelState : global::Lifespan.Actors.State.State
{
    public partial string? Label { get; set; }

    public void Rename(string label) => Label = label;
}
