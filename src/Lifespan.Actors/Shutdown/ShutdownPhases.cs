namespace Lifespan.Actors.Shutdown;

/// <summary>The phases of <see cref="CoordinatedShutdown"/>, in the order they run (Akka.NET's names).</summary>
public static class ShutdownPhases
{
    /// <summary>The first phase, for anything that must happen before endpoints stop taking work.</summary>
    public const string BeforeServiceUnbind = "before-service-unbind";

    /// <summary>Endpoints refuse new connections and requests.</summary>
    public const string ServiceUnbind = "service-unbind";

    /// <summary>In-flight requests and events finish; background tasks are cancelled and awaited.</summary>
    public const string ServiceRequestsDone = "service-requests-done";

    /// <summary>Long-running lifespan tasks are cancelled, in reverse registration order, and awaited.</summary>
    public const string ServiceStop = "service-stop";

    /// <summary>Before a node leaves its cluster.</summary>
    public const string BeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Sharded entities hand off.</summary>
    public const string ClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";

    /// <summary>The node leaves the cluster.</summary>
    public const string ClusterLeave = "cluster-leave";

    /// <summary>The node is exiting.</summary>
    public const string ClusterExiting = "cluster-exiting";

    /// <summary>The node has exited.</summary>
    public const string ClusterExitingDone = "cluster-exiting-done";

    /// <summary>Cluster services stop.</summary>
    public const string ClusterShutdown = "cluster-shutdown";

    /// <summary>
    /// Shutdown handlers run, then setup/teardown resources are torn down in reverse registration order, one after
    /// the other. Each teardown may take an equal share of the phase's time left when it starts (with n teardowns
    /// still to run, 1/n of it); one that overruns its share is abandoned, named in a warning, and the next starts,
    /// so the older resources are still torn down when a newer one's teardown hangs.
    /// </summary>
    public const string BeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>The actor tree stops, children before parents.</summary>
    public const string ActorSystemTerminate = "actor-system-terminate";

    /// <summary>Every phase, in order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BeforeServiceUnbind, ServiceUnbind, ServiceRequestsDone, ServiceStop,
        BeforeClusterShutdown, ClusterShardingShutdownRegion, ClusterLeave, ClusterExiting, ClusterExitingDone, ClusterShutdown,
        BeforeActorSystemTerminate, ActorSystemTerminate,
    ];
}
