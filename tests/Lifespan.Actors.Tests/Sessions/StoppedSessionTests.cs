using System.Collections.Concurrent;
using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.Sessions;

/// <summary>Handlers that wait until cancelled and then report that their <c>finally</c> block ran.</summary>
public partial class CleanupState : global::Lifespan.Actors.State.State
{
    /// <summary>Per session and handler: completed once the handler waits.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> Waiting = new();

    /// <summary>Per session and handler: completed by the handler's <c>finally</c> block with whether its token was cancelled.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> CleanedUp = new();

    public partial int Count { get; set; }

    public async Task WaitInHandler(CancellationToken cancellationToken)
    {
        try
        {
            Signal(Waiting, ClientToken!, nameof(WaitInHandler)).TrySetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Signal(CleanedUp, ClientToken!, nameof(WaitInHandler)).TrySetResult(cancellationToken.IsCancellationRequested);
        }
    }

    [BackgroundTask]
    public async Task WaitInBackground(CancellationToken cancellationToken)
    {
        try
        {
            Signal(Waiting, ClientToken!, nameof(WaitInBackground)).TrySetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Signal(CleanedUp, ClientToken!, nameof(WaitInBackground)).TrySetResult(cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Takes the lock in its <c>finally</c> block, as the README's background task does.</summary>
    [BackgroundTask]
    public async Task LockInFinally(CancellationToken cancellationToken)
    {
        try
        {
            Signal(Waiting, ClientToken!, nameof(LockInFinally)).TrySetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            try
            {
                await using (await LockAsync(CancellationToken.None))
                {
                    Count = -1;
                }
            }
            finally
            {
                Signal(CleanedUp, ClientToken!, nameof(LockInFinally)).TrySetResult(cancellationToken.IsCancellationRequested);
            }
        }
    }

    /// <summary>The signal of <paramref name="handler"/> in session <paramref name="token"/>.</summary>
    public static TaskCompletionSource<bool> Signal(ConcurrentDictionary<string, TaskCompletionSource<bool>> signals, string token, string handler) =>
        signals.GetOrAdd(token + "/" + handler, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>
/// A session actor that is stopped while a handler or a background task awaits still cancels its token and lets its
/// <c>finally</c> blocks run to their end: the awaiting is done outside the actor's turn (PipeTo), which Akka cannot
/// cut short as it cuts short the rest of a <c>ReceiveAsync</c>.
/// </summary>
public sealed class StoppedSessionTests() : SessionTestKit(o => o.AddState<CleanupState>())
{
    [Theory]
    [InlineData(nameof(CleanupState.WaitInHandler))]
    [InlineData(nameof(CleanupState.WaitInBackground))]
    [InlineData(nameof(CleanupState.LockInFinally))]
    public async Task A_handler_or_background_task_of_a_stopped_session_is_cancelled_and_its_finally_blocks_run(string handler)
    {
        var token = SessionToken.New();
        await Hub.DispatchAsync(token, CounterState.Events.Add(0));   // the session runs
        Hub.Send(token, Event("CleanupState." + handler));
        await CleanupState.Signal(CleanupState.Waiting, token, handler).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        var session = await SessionActorAsync(token);
        await WatchAsync(session);

        Sys.Stop(session);

        await ExpectTerminatedAsync(session);
        Assert.True(await CleanupState.Signal(CleanupState.CleanedUp, token, handler).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10))));   // it ran, and saw its token cancelled
        await NoBackgroundTasksAsync(token);   // a task that outlived its session is taken off the list when it ends

        // Once /user/sessions has seen it stop (its Terminated is queued by then), the next event starts it again.
        await AwaitConditionAsync(() => ((ActorRefWithCell)Hub.Registry).GetSingleChild(session.Path.Name).IsNobody(), null, "the registry still has the stopped session");
        await Hub.DispatchAsync(token, CounterState.Events.Add(1));
        Assert.Equal(1, await ReadAsync<CounterState, int>(token, s => s.Count));
    }
}
