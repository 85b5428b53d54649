namespace Lifespan.Actors.Benchmarks.PingPong;

/// <summary>The message the two actors pass back and forth.</summary>
internal sealed class Ball
{
    public static readonly Ball Instance = new();
}

/// <summary>Starts one exchange of <see cref="RoundTrips"/> round trips; <see cref="Done"/> completes at the end.</summary>
internal sealed record Serve(int RoundTrips, TaskCompletionSource Done);

/// <summary>Serves the ball to its peer and returns it until the round trips are used up.</summary>
internal sealed class PingActor : ReceiveActor
{
    private int _remaining;
    private TaskCompletionSource? _done;

    public PingActor(IActorRef peer)
    {
        Receive<Ball>(ball =>
        {
            if (--_remaining == 0)
            {
                _done!.TrySetResult();
            }
            else
            {
                Sender.Tell(ball);
            }
        });
        Receive<Serve>(serve =>
        {
            _remaining = serve.RoundTrips;
            _done = serve.Done;
            peer.Tell(Ball.Instance);
        });
    }
}

/// <summary>Returns every ball to its sender.</summary>
internal sealed class PongActor : ReceiveActor
{
    public PongActor() => Receive<Ball>(ball => Sender.Tell(ball));
}
