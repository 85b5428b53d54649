namespace Lifespan.Actors.State;

/// <summary>
/// Marks an event handler of a state class as a background task: it runs beside the session's other events and may
/// change the state only while it holds the state's lock. It must be async (return <see cref="Task"/> or
/// <see cref="ValueTask"/>); the source generator reports any other handler as an error.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class BackgroundTaskAttribute : Attribute;
