using Lifespan.Actors.Sessions;


namespace Lifespan.Actors.State;

/// <summary>What a <see cref="BackgroundTaskActor"/> is started with.</summary>
internal sealed record BackgroundStart(
    BackgroundTaskInfo Info,
    StateEvent Event,
    int StateIndex,
    StateType Type,
    StateHandler Handler,
    string State,
    SessionRuntime Runtime);
