namespace Lifespan.Actors;

/// <summary>How much of the actor tree <see cref="ActorSystem.GetActorTree"/> walks.</summary>
public sealed class ActorTreeOptions
{
    /// <summary>The path of the subtree to walk, for example <c>/user</c>. Default: <c>/</c>, the whole tree.</summary>
    public string Root { get; set; } = "/";

    /// <summary>The most children listed per actor; the rest are counted in <see cref="ActorTreeNode.OmittedChildren"/>. Default: 100.</summary>
    public int MaxChildren { get; set; } = 100;

    /// <summary>How many levels below the root are walked. Default: 16.</summary>
    public int MaxDepth { get; set; } = 16;

    /// <summary>Mailboxes are counted up to this many messages. Default: 100,000.</summary>
    public int MaxMailboxCount { get; set; } = 100_000;

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Root) || Root[0] != '/')
        {
            throw new ArgumentException($"ActorTreeOptions.Root must be an actor path starting with '/', such as \"/user\"; got \"{Root}\".", nameof(Root));
        }

        if (MaxChildren < 0 || MaxDepth < 0 || MaxMailboxCount < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxChildren), $"ActorTreeOptions limits must not be negative (MaxChildren {MaxChildren}, MaxDepth {MaxDepth}, MaxMailboxCount {MaxMailboxCount}).");
        }
    }
}
