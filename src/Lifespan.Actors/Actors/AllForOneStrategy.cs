namespace Lifespan.Actors;

/// <summary>
/// Applies its directive to all the supervisor's children when one of them fails, for children so bound together that
/// one's failure spoils the others' work: Restart restarts every child and Stop stops every child, as in Akka.NET;
/// Resume resumes the failed child only (the others did not fail). Every child is counted as restarted each time: once
/// any child has been restarted more than <c>maxNrOfRetries</c> times within <c>withinTimeRange</c>, a Restart stops
/// them all instead. A child that stops without failing does not stop the others (watch it for that).
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; negative for no limit, 0 to never restart.</param>
    /// <param name="withinTimeRange">The window; <see langword="null"/> counts restarts over the children's whole life.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    /// <summary>Creates the strategy with no retry limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override bool RequestRestartPermission(ActorCell supervisor, ActorCell failed, TimeProvider time) =>
        supervisor.ChildCells().All(child => CountRestart(child, MaxNrOfRetries, WithinTimeRange, time));

    internal override ActorCell[] AppliesTo(ActorCell supervisor, ActorCell failed) => supervisor.ChildCells();
}
