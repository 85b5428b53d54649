namespace Lifespan.Actors;

/// <summary>One actor in a snapshot of the actor tree (<see cref="ActorSystem.GetActorTree"/>).</summary>
/// <param name="Name">The actor's name, the last element of its path (empty for the root).</param>
/// <param name="Path">The actor's full path, for example <c>/user/sessions/AbC...</c>.</param>
/// <param name="ActorType">The actor's class name.</param>
/// <param name="MailboxDepth">User messages waiting in its mailbox when the snapshot was taken.</param>
/// <param name="QueuedWork">
/// Work the actor holds in its own queues besides its mailbox: stashed messages, and for a session's state actor the
/// events waiting behind the running one.
/// </param>
/// <param name="Children">Its children, ordered by name, at most <see cref="ActorTreeOptions.MaxChildren"/> of them.</param>
/// <param name="OmittedChildren">How many children were left out to respect <see cref="ActorTreeOptions.MaxChildren"/> or <see cref="ActorTreeOptions.MaxDepth"/>.</param>
/// <remarks>
/// A snapshot taken while the actors run: counts are read without stopping them, so they may be off by the messages
/// delivered while the tree was walked. Use it to look at a system, not to make decisions.
/// </remarks>
public sealed record ActorTreeNode(
    string Name,
    string Path,
    string ActorType,
    int MailboxDepth,
    int QueuedWork,
    IReadOnlyList<ActorTreeNode> Children,
    int OmittedChildren);
