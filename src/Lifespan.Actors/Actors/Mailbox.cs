namespace Lifespan.Actors;

/// <summary>
/// An actor's two queues and its scheduling state. User messages go through a lock-free
/// multi-producer single-consumer queue (Vyukov's); system messages through a short locked list that
/// is always drained first. A run processes every system message and then at most
/// <c>throughput</c> user messages before giving the thread to other waiting work (when none waits, the next run
/// follows on the same thread).
/// </summary>
/// <remarks>The mailbox is its own first queue node, so an idle actor holds no extra allocation for it.</remarks>
internal sealed partial class Mailbox : MailboxNode, IThreadPoolWorkItem
{
    /// <summary>Why user messages are held back; system messages always run.</summary>
    [Flags]
    public enum Suspension
    {
        None = 0,
        AsyncHandler = 1,
        AwaitingSupervisor = 2,
        Stopping = 4,
        AncestorFailed = 8,
    }

    private readonly ActorCell _cell;
    private MailboxNode _head;          // consumer side: the node before the next message
    private MailboxNode _tail;          // producer side: the last node linked
    private SystemMessage? _systemHead;
    private SystemMessage? _systemTail;
    private int _scheduled;
    private int _posted;                // user messages linked, ever (wraps; only the difference counts)
    private int _taken;                 // user messages taken, ever (written by the consumer alone)
    private volatile int _suspension;
    private volatile bool _closed;
    private long _runs;

    public Mailbox(ActorCell cell)
    {
        _cell = cell;
        _head = this;
        _tail = this;
    }

    public bool IsClosed => _closed;

    /// <summary>The cell whose messages this mailbox holds.</summary>
    public ActorCell Cell => _cell;

    /// <summary>How many runs (of at most <c>throughput</c> user messages each) this mailbox has had (for diagnostics and fairness tests).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public bool IsSuspended => _suspension != 0;

    /// <summary>
    /// How many user messages wait: posted and not yet taken. Safe from any thread and constant-time; a snapshot that
    /// may be behind by the posts and takes under way while it reads (enough to bound a queue, not to count exactly).
    /// </summary>
    public int UserCount
    {
        get
        {
            var taken = Volatile.Read(ref _taken);   // first: a take counted here was posted before the next read
            return Math.Max(0, unchecked(Volatile.Read(ref _posted) - taken));
        }
    }

    /// <summary>
    /// Whether every user message posted before this call (by the calling thread, or visibly to it) has been fully
    /// processed: none is waiting and no run is under way. A run may start right after; the answer is for ordering
    /// against earlier posts only.
    /// </summary>
    /// <remarks>
    /// The reads are ordered: an empty queue (<c>_head == _tail</c>) means every earlier message has been taken, and a
    /// run that took one is still marked scheduled until it ends, which the later read of <c>_scheduled</c> sees.
    /// </remarks>
    public bool IsQuiescent
    {
        get
        {
            var tail = Volatile.Read(ref _tail);
            var head = Volatile.Read(ref _head);
            return ReferenceEquals(head, tail) && Volatile.Read(ref _scheduled) == 0 && !_cell.HasUnstashed;
        }
    }

    /// <remarks>
    /// An empty queue (<c>_head == _tail</c>) is told without reading the node before the next message: after a run
    /// that node is usually the last message's, cold in the cache. A later post changes <c>_tail</c> first.
    /// </remarks>
    private bool HasUserMessages
    {
        get
        {
            var head = _head;
            return !ReferenceEquals(Volatile.Read(ref _tail), head) && Volatile.Read(ref head.Next) is not null;
        }
    }

    private bool HasSystemMessages => Volatile.Read(ref _systemHead) is not null;

    public void PostUser(object message, InternalActorRef? sender)
    {
        if (_closed)
        {
            _cell.System.DeadLetterSink.Publish(message, sender, _cell.SelfRef);
            return;
        }

        var node = new MailboxNode { Message = message, Sender = sender };
        Interlocked.Increment(ref _posted);   // before the link: the count is never below what is linked
        var previous = Interlocked.Exchange(ref _tail, node);
        Interlocked.Exchange(ref previous.Next, node);   // a full fence: the link is visible before _closed is read again

        if (_closed)
        {
            DrainClosedUserQueue();   // raced with Close: make sure nothing is stranded
            return;
        }

        if (_suspension == 0)
        {
            TrySchedule();
        }
    }

    public void PostSystem(SystemMessage message)
    {
        lock (this)
        {
            if (!_closed)
            {
                if (_systemTail is null)
                {
                    _systemHead = message;
                }
                else
                {
                    _systemTail.Next = message;
                }

                _systemTail = message;
                message = null!;
            }
        }

        if (message is null)
        {
            TrySchedule();
        }
        else
        {
            ActorCell.HandleSystemMessageAfterClose(message, _cell.SelfRef);
        }
    }

    /// <summary>Holds back user messages for <paramref name="reason"/> (called on the mailbox's own run).</summary>
    public void Suspend(Suspension reason) => _suspension |= (int)reason;

    /// <summary>Lets user messages through again once no other reason holds them back.</summary>
    public void Resume(Suspension reason) => _suspension &= ~(int)reason;

    public bool TryDequeueUser(out object message, out InternalActorRef? sender)
    {
        var head = _head;
        var next = Volatile.Read(ref head.Next);
        if (next is null)
        {
            message = null!;
            sender = null;
            return false;
        }

        message = next.Message!;
        sender = next.Sender;
        next.Message = null;
        next.Sender = null;
        _head = next;
        Volatile.Write(ref _taken, unchecked(_taken + 1));
        head.Next = null;   // unlink: otherwise the mailbox (the first node) would keep every delivered node alive
        return true;
    }

    /// <summary>
    /// How many user messages wait, counted up to <paramref name="limit"/>. Safe from any thread; a snapshot that
    /// may be off by the messages delivered or posted while it counts (for diagnostics, not for decisions).
    /// </summary>
    public int CountUserMessages(int limit)
    {
        var count = 0;
        for (var node = Volatile.Read(ref Volatile.Read(ref _head).Next); node is not null && count < limit; node = Volatile.Read(ref node.Next))
        {
            count++;
        }

        return count;
    }

    /// <summary>Closes the mailbox for good: remaining user messages become dead letters, pending watches are answered.</summary>
    public void Close()
    {
        SystemMessage? pending;
        lock (this)
        {
            _closed = true;
            pending = _systemHead;
            _systemHead = _systemTail = null;
        }

        for (var m = pending; m is not null;)
        {
            var next = m.Next;
            m.Next = null;
            ActorCell.HandleSystemMessageAfterClose(m, _cell.SelfRef);
            m = next;
        }

        DrainClosedUserQueue();
    }

    public void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Dispatcher.Schedule(this);
        }
    }

    /// <summary>
    /// One work item on a pool thread: a run, and further runs while messages keep waiting and no other work waits
    /// for a pool thread (giving the thread back would only queue this mailbox again, and wake a thread to take it).
    /// </summary>
    public void Execute()
    {
        s_poolContext ??= ExecutionContext.Capture();   // a pool thread starts every work item in the default context
        try
        {
            var throughput = _cell.System.Options.Throughput;
            do
            {
                _runs++;
                _cell.RunBatch(this, throughput);
            }
            while (!_closed && _suspension == 0 && HasUserMessages && ThreadPool.PendingWorkItemCount == 0);
        }
        finally
        {
            EndRun();
        }
    }

    /// <summary>Marks the run over, and schedules the next one if work is waiting that the run left behind.</summary>
    private void EndRun()
    {
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_closed && (HasSystemMessages || (_suspension == 0 && (HasUserMessages || _cell.HasUnstashed))))
        {
            TrySchedule();
        }
    }

    /// <summary>Takes the oldest system message, or <see langword="null"/>.</summary>
    public SystemMessage? TakeSystemMessage()
    {
        if (Volatile.Read(ref _systemHead) is null)
        {
            return null;
        }

        lock (this)
        {
            var message = _systemHead;
            if (message is not null)
            {
                _systemHead = message.Next;
                if (_systemHead is null)
                {
                    _systemTail = null;
                }

                message.Next = null;
            }

            return message;
        }
    }

    private void DrainClosedUserQueue()
    {
        lock (this)
        {
            while (TryDequeueUser(out var message, out var sender))
            {
                _cell.System.DeadLetterSink.Publish(message, sender, _cell.SelfRef);
            }
        }
    }
}
