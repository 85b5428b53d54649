namespace Lifespan.Actors;

/// <summary>
/// Runs mailboxes on the .NET thread pool. Each scheduled mailbox is one work item; a run ends after
/// the mailbox's <c>throughput</c> so that busy actors share the pool fairly.
/// </summary>
internal static class Dispatcher
{
    public static void Schedule(IThreadPoolWorkItem mailbox) =>
        ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
