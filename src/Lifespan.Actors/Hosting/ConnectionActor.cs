
namespace Lifespan.Actors.Hosting;

/// <summary>
/// A WebSocket connection's actor (<c>/user/ws-&lt;n&gt;</c>): the session's subscriber, where its deltas, errors and
/// event outcomes arrive, wherever the session runs. It hands each message to the connection, which
/// starts its send then and there, or queues it behind the send in progress: the actor never waits.
/// </summary>
internal sealed class ConnectionActor : ReceiveActor
{
    private static long s_next;

    public ConnectionActor(Action<object> deliver) => ReceiveAny(deliver);

    /// <summary>Starts a connection actor in <paramref name="system"/> that hands what it receives to <paramref name="deliver"/>.</summary>
#pragma warning disable AK1008 // a static factory called by the connection, not from inside this actor
    public static IActorRef Start(ActorSystem system, Action<object> deliver, string suffix = "") =>
        system.ActorOf(Props.Create(() => new ConnectionActor(deliver)), $"ws-{Interlocked.Increment(ref s_next)}{suffix}");
#pragma warning restore AK1008
}
