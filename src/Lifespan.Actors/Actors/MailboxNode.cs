namespace Lifespan.Actors;

/// <summary>One queued user message with its sender: a node of the mailbox's lock-free queue.</summary>
internal class MailboxNode
{
    public MailboxNode? Next;
    public object? Message;
    public InternalActorRef? Sender;
}
