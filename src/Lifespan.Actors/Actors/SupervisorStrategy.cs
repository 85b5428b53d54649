namespace Lifespan.Actors;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the child's instance and state; it goes on with the next message.</summary>
    Resume,

    /// <summary>Replace the child's instance with a fresh one; its mailbox, children policy and stash are kept.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, for its own supervisor to decide.</summary>
    Escalate,
}

/// <summary>How an actor handles the failures of its children: a decider, a restart limit, and the children it applies to.</summary>
public abstract class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = RequireValidWindow(withinTimeRange);
        _decider = decider;
    }

    /// <summary>
    /// Restart on any exception, except: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/> stop the child. No retry limit.
    /// </summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>The decider behind <see cref="Default"/>.</summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; negative means no limit.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; <see langword="null"/> means the children's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>The directive for <paramref name="cause"/>.</summary>
    public Directive Decide(Exception cause) => _decider(cause);

    /// <summary>Whether a Restart for <paramref name="failed"/>'s failure may go ahead, counting the restarts it makes.</summary>
    internal abstract bool RequestRestartPermission(ActorCell supervisor, ActorCell failed, TimeProvider time);

    /// <summary>The children a Restart or a Stop for <paramref name="failed"/>'s failure applies to.</summary>
    internal abstract ActorCell[] AppliesTo(ActorCell supervisor, ActorCell failed);

    /// <summary>
    /// Counts a restart of <paramref name="child"/>: <see langword="false"/> once it has been restarted more than
    /// <paramref name="maxNrOfRetries"/> times within <paramref name="withinTimeRange"/>.
    /// </summary>
    private protected static bool CountRestart(ActorCell child, int maxNrOfRetries, TimeSpan? withinTimeRange, TimeProvider time)
    {
        if (maxNrOfRetries < 0 && withinTimeRange is null)
        {
            return true;
        }

        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var limit = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        if (withinTimeRange is not { } window)
        {
            return ++child.RestartCount <= limit;
        }

        var now = time.GetTimestamp();
        if (child.RestartCount == 0 || time.GetElapsedTime(child.RestartWindowStart, now) > window)
        {
            child.RestartCount = 1;
            child.RestartWindowStart = now;
            return true;
        }

        return ++child.RestartCount <= limit;
    }

    /// <summary>Rejects a restart window that is not positive.</summary>
    private protected static TimeSpan? RequireValidWindow(TimeSpan? withinTimeRange) =>
        withinTimeRange is { } w && w <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(nameof(withinTimeRange), w, "The restart window must be positive, or null for no window.")
            : withinTimeRange;
}

/// <summary>
/// Applies its directive to the failed child only. A child restarted more than <c>maxNrOfRetries</c> times within
/// <c>withinTimeRange</c> is stopped instead.
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; negative for no limit, 0 to never restart.</param>
    /// <param name="withinTimeRange">The window; <see langword="null"/> counts restarts over the child's whole life.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>Creates the strategy with no retry limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override bool RequestRestartPermission(ActorCell supervisor, ActorCell failed, TimeProvider time) =>
        CountRestart(failed, MaxNrOfRetries, WithinTimeRange, time);

    internal override ActorCell[] AppliesTo(ActorCell supervisor, ActorCell failed) => [failed];
}
