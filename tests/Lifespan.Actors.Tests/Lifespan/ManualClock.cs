namespace Lifespan.Actors.Tests.Lifespan;

/// <summary>A clock whose timestamps move only when told; timers still run on real time.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeProvider.System.GetTimestamp();

    public override long TimestampFrequency => TimeProvider.System.TimestampFrequency;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, (long)(by.TotalSeconds * TimestampFrequency));
}
