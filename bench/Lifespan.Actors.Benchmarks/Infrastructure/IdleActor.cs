namespace Lifespan.Actors.Benchmarks.Infrastructure;

/// <summary>An actor that only starts and stops: one handler, no state. Signals its start and stop when asked to.</summary>
internal sealed class IdleActor : ReceiveActor
{
    private readonly Countdown? _started;
    private readonly Countdown? _stopped;

    public IdleActor(Countdown? started, Countdown? stopped)
    {
        _started = started;
        _stopped = stopped;
        Receive<string>(static _ => { });
    }

    protected override void PreStart() => _started?.Signal();

    protected override void PostStop() => _stopped?.Signal();
}
