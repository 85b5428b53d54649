
namespace Lifespan.Actors.State;

/// <summary>
/// Marks an event handler of a state class as a background task: it runs beside the session's other events and may
/// change the state only while it holds the state's lock. It must be async (return <see cref="Task"/>,
/// <see cref="ValueTask"/>, <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/> of <see cref="StateEvent"/>,
/// or <see cref="IAsyncEnumerable{T}"/> of <see cref="StateEvent"/>); the source generator reports any other handler
/// as an error. It is started by an event (a handler returns <c>MyState.Events.MyTask()</c>), never called directly.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class BackgroundTaskAttribute : Attribute
{
    /// <summary>Whether the task is cancelled when the session's last client disconnects. Default false.</summary>
    public bool CancelOnDisconnect { get; init; }
}
