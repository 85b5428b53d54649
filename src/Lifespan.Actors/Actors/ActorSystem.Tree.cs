namespace Lifespan.Actors;

/// <summary>Snapshots of the actor tree, for dashboards and diagnostics.</summary>
public sealed partial class ActorSystem
{
    /// <summary>
    /// Walks the live actors from <see cref="ActorTreeOptions.Root"/> (default <c>/</c>) and returns each with its
    /// mailbox depth and children. The actors keep running meanwhile; see <see cref="ActorTreeNode"/>.
    /// </summary>
    /// <param name="options">How much to walk; <see langword="null"/> for the defaults.</param>
    /// <returns>The root of the subtree, or <see langword="null"/> when no actor lives at that path.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message names the setting).</exception>
    public ActorTreeNode? GetActorTree(ActorTreeOptions? options = null)
    {
        options ??= new ActorTreeOptions();
        options.Validate();
        var cell = _root;
        foreach (var name in options.Root.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            cell = cell.ChildCell(name);
            if (cell is null)
            {
                return null;
            }
        }

        return Snapshot(cell, options, options.MaxDepth);
    }

    private static ActorTreeNode Snapshot(ActorCell cell, ActorTreeOptions options, int depthLeft)
    {
        var children = cell.ChildCells();
        var listed = depthLeft == 0 ? 0 : Math.Min(children.Length, options.MaxChildren);
        var nodes = new ActorTreeNode[listed];
        if (listed > 0)
        {
            Array.Sort(children, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            for (var i = 0; i < listed; i++)
            {
                nodes[i] = Snapshot(children[i], options, depthLeft - 1);
            }
        }

        var queued = ((IStash)cell).Count + (cell.Actor is IHasQueuedWork own ? own.QueuedWork : 0);
        return new ActorTreeNode(
            cell.Name,
            cell.Path.ToString(),
            cell.Props.ActorType.Name,
            cell.Mailbox.CountUserMessages(options.MaxMailboxCount),
            queued,
            nodes,
            children.Length - listed);
    }
}
