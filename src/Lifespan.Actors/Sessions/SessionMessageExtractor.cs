using Akka.Cluster.Sharding;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Sessions;

/// <summary>
/// Names a session's actor by a one-way hash of its token (<see cref="SessionToken.Hash"/>) and hands it the message
/// unchanged. <c>/user/sessions</c> routes with it on a single node; a cluster's shard region reuses it as it is.
/// </summary>
public sealed class SessionMessageExtractor : HashCodeMessageExtractor
{
    /// <summary>The number of shards a cluster's session region uses by default: about ten per node of a ten-node cluster.</summary>
    public const int DefaultShardCount = 100;

    /// <summary>Creates the extractor.</summary>
    /// <param name="maxNumberOfShards">The number of shards; never change it while sessions exist.</param>
    public SessionMessageExtractor(int maxNumberOfShards = DefaultShardCount)
        : base(maxNumberOfShards)
    {
    }

    /// <inheritdoc/>
    public override string? EntityId(object message) =>
        message is ISessionMessage { Token: { } token } && SessionToken.Problem(token) is null ? SessionToken.Hash(token) : null;
}
