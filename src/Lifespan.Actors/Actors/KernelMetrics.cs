using System.Diagnostics.Metrics;

namespace Lifespan.Actors;

/// <summary>
/// The kernel's instruments on the <c>Lifespan.Actors</c> meter, tagged with the system's name:
/// <c>lifespan.actors.messages_processed</c>, <c>lifespan.actors.dead_letters</c>, <c>lifespan.actors.restarts</c>
/// (counters) and <c>lifespan.actors.live</c> (up-down counter).
/// </summary>
internal sealed class KernelMetrics : IDisposable
{
    public const string MeterName = "Lifespan.Actors";

    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _restarts;
    private readonly UpDownCounter<long> _live;
    private readonly KeyValuePair<string, object?> _tag;

    public KernelMetrics(string systemName)
    {
        _meter = new Meter(MeterName);
        _tag = new KeyValuePair<string, object?>("actor_system", systemName);
        _processed = _meter.CreateCounter<long>("lifespan.actors.messages_processed", "{message}", "User messages processed by actors.");
        _deadLetters = _meter.CreateCounter<long>("lifespan.actors.dead_letters", "{message}", "Messages that could not be delivered.");
        _restarts = _meter.CreateCounter<long>("lifespan.actors.restarts", "{restart}", "Actor restarts by supervisors.");
        _live = _meter.CreateUpDownCounter<long>("lifespan.actors.live", "{actor}", "Actors started and not yet stopped.");
    }

    public Meter Meter => _meter;

    public void MessagesProcessed(int count)
    {
        if (_processed.Enabled)
        {
            _processed.Add(count, _tag);
        }
    }

    public void DeadLetter() => _deadLetters.Add(1, _tag);

    public void ActorRestarted() => _restarts.Add(1, _tag);

    public void ActorStarted() => _live.Add(1, _tag);

    public void ActorStopped() => _live.Add(-1, _tag);

    public void Dispose() => _meter.Dispose();
}
