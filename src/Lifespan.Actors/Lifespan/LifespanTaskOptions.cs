
namespace Lifespan.Actors.Lifespan;

/// <summary>Per-task settings for <c>RegisterLifespanTask</c>.</summary>
public sealed class LifespanTaskOptions
{
    /// <summary>The task's name; by default derived from the method's name (<c>PollUpdates</c> → <c>poll-updates</c>).</summary>
    public string? Name { get; set; }

    /// <summary>What happens when a long-running task throws. Default <see cref="LifespanFailurePolicy.Log"/>.</summary>
    public LifespanFailurePolicy OnFailure { get; set; } = LifespanFailurePolicy.Log;

    /// <summary>With <see cref="LifespanFailurePolicy.Restart"/>: the first delay. Default 1 second.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>With <see cref="LifespanFailurePolicy.Restart"/>: the longest delay. Default 30 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With <see cref="LifespanFailurePolicy.Restart"/>: up to this fraction of the delay is added at random. Default 0.2.</summary>
    public double RandomFactor { get; set; } = 0.2;

    /// <summary>With <see cref="LifespanFailurePolicy.Restart"/>: restarts allowed before the task stays faulted. Default 10.</summary>
    public int MaxRestarts { get; set; } = 10;

    /// <summary>With <see cref="LifespanFailurePolicy.Restart"/>: a run that lasted this long resets the restart count. Default 1 minute.</summary>
    public TimeSpan ResetAfter { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate(string task)
    {
        if (string.IsNullOrWhiteSpace(task) || task.Trim() != task || task.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"A lifespan task's Name must be non-empty, without leading or trailing spaces or control characters (it is \"{task}\"); leave it unset to derive one from the method's name.");
        }

        if (MinBackoff <= TimeSpan.Zero || MaxBackoff < MinBackoff)
        {
            throw new ArgumentException($"Lifespan task '{task}': MinBackoff must be positive and MaxBackoff at least MinBackoff (they are {MinBackoff} and {MaxBackoff}).");
        }

        if (RandomFactor is < 0 or > 1 || double.IsNaN(RandomFactor))
        {
            throw new ArgumentException($"Lifespan task '{task}': RandomFactor must be between 0 and 1 (it is {RandomFactor}).");
        }

        if (MaxRestarts < 0 || ResetAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Lifespan task '{task}': MaxRestarts must not be negative and ResetAfter must be positive.");
        }
    }

    /// <summary>The delay before restart number <paramref name="restart"/> (1-based), with jitter.</summary>
    internal TimeSpan Backoff(int restart, Random random)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(restart - 1, 30));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (RandomFactor * random.NextDouble())));
    }
}
