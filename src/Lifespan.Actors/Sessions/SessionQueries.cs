using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// Asks <c>/user/sessions</c> which sessions run now; it answers <see cref="RunningSessions"/>. A session is named by
/// its actor's name, a one-way hash of its token, never by the token. <see cref="SessionHub.GetRunningSessionsAsync"/>
/// sends it for you.
/// </summary>
/// <param name="Limit">The most sessions listed; the others are only counted.</param>
public sealed record GetRunningSessions(int Limit = 100);

/// <summary>The sessions running when <c>/user/sessions</c> took a <see cref="GetRunningSessions"/>.</summary>
/// <param name="Count">How many sessions run, listed or not.</param>
/// <param name="Sessions">At most the asked-for number of them, in no particular order.</param>
public sealed record RunningSessions(int Count, IReadOnlyList<RunningSession> Sessions);

/// <summary>A running session.</summary>
/// <param name="Id">Its actor's name under <c>/user/sessions</c>: the hash of its token (<see cref="SessionToken.Hash"/>).</param>
/// <param name="Path">Its actor's path, <c>/user/sessions/&lt;Id&gt;</c>.</param>
/// <param name="Waiting">Events waiting for it: on their way through <c>/user/sessions</c>, in its mailbox or queued by it.</param>
/// <param name="Passivating">Whether it is saving itself to stop (its messages wait in <c>/user/sessions</c> meanwhile).</param>
/// <param name="Subscribers">The paths of its subscribers, such as a WebSocket connection's <c>/user/ws-&lt;n&gt;</c>.</param>
/// <param name="BackgroundTasks">Its running background tasks, each a child actor of the session.</param>
public sealed record RunningSession(string Id, string Path, int Waiting, bool Passivating, IReadOnlyList<string> Subscribers, IReadOnlyList<RunningBackgroundTask> BackgroundTasks);

/// <summary>A running background task of a session.</summary>
/// <param name="Id">Its id, for <see cref="SessionHub.CancelBackgroundTask"/>.</param>
/// <param name="Name">Its actor's name under the session, <c>bg-&lt;Id&gt;</c>.</param>
/// <param name="Handler">The handler, <c>StateName.Handler</c>.</param>
/// <param name="StartedAt">When it started.</param>
public sealed record RunningBackgroundTask(long Id, string Name, string Handler, DateTimeOffset StartedAt);
