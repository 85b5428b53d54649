using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class ActorTreeTests : TestKit.TestKit
{
    private static readonly string[] TwoChildren = ["b", "a"];
    private static readonly string[] FiveChildren = ["c1", "c2", "c3", "c4", "c5"];

    /// <summary>Spawns the named children on creation; "hold" blocks its handler until the gate opens; "stash" stashes.</summary>
    private sealed class Node : ReceiveActor
    {
        public Node(IActorRef probe, Task gate, string[] children)
        {
            foreach (var name in children)
            {
                Context.ActorOf(Props.Create<Node>(probe, gate, Array.Empty<string>()), name);
            }

            ReceiveAsync<string>(s => s == "hold", async _ => { probe.Tell("holding"); await gate; });
            Receive<string>(s => s == "stash", _ => Stash.Stash());
            Receive<string>(s => s == "ping", _ => probe.Tell("pong"));
        }
    }

    private static ActorTreeNode Find(ActorTreeNode root, string path) =>
        Search(root, path) ?? throw new Xunit.Sdk.XunitException($"{path} is not in the tree");

    private static ActorTreeNode? Search(ActorTreeNode node, string path) =>
        node.Path == path ? node : node.Children.Select(c => Search(c, path)).FirstOrDefault(n => n is not null);

    [Fact]
    public async Task The_tree_lists_guardians_and_user_actors_by_path_type_and_name_order()
    {
        Sys.ActorOf(Props.Create<Node>(TestActor.Ref, Task.CompletedTask, TwoChildren), "parent").Tell("ping");
        await ExpectMsgAsync("pong");   // constructed, so its children exist

        var root = Sys.GetActorTree()!;

        Assert.Equal("/", root.Path);
        Assert.Equal(["system", "user"], root.Children.Select(c => c.Name));
        var parent = Find(root, "/user/parent");
        Assert.Equal(nameof(Node), parent.ActorType);
        Assert.Equal(["/user/parent/a", "/user/parent/b"], parent.Children.Select(c => c.Path));
        Assert.Equal(0, parent.OmittedChildren);
    }

    [Fact]
    public async Task Mailbox_depth_counts_messages_waiting_behind_a_busy_handler_and_stash_counts_as_queued_work()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create<Node>(TestActor.Ref, gate.Task, Array.Empty<string>()), "busy");
        actor.Tell("stash");
        actor.Tell("stash");
        actor.Tell("hold");
        await ExpectMsgAsync("holding");
        for (var i = 0; i < 5; i++)
        {
            actor.Tell("ping");
        }

        var busy = Sys.GetActorTree(new ActorTreeOptions { Root = "/user/busy" })!;
        Assert.Equal(5, busy.MailboxDepth);
        Assert.Equal(2, busy.QueuedWork);

        gate.SetResult();
        await ReceiveNAsync(5);
        Assert.Equal(0, Sys.GetActorTree(new ActorTreeOptions { Root = "/user/busy" })!.MailboxDepth);
    }

    [Fact]
    public async Task Limits_leave_out_children_and_count_them()
    {
        Sys.ActorOf(Props.Create<Node>(TestActor.Ref, Task.CompletedTask, FiveChildren), "wide").Tell("ping");
        await ExpectMsgAsync("pong");

        var wide = Sys.GetActorTree(new ActorTreeOptions { Root = "/user/wide", MaxChildren = 2 })!;
        Assert.Equal(["c1", "c2"], wide.Children.Select(c => c.Name));
        Assert.Equal(3, wide.OmittedChildren);

        var shallow = Sys.GetActorTree(new ActorTreeOptions { Root = "/user/wide", MaxDepth = 0 })!;
        Assert.Empty(shallow.Children);
        Assert.Equal(5, shallow.OmittedChildren);
    }

    [Fact]
    public void An_unknown_root_gives_null_and_a_malformed_one_is_refused_by_name()
    {
        Assert.Null(Sys.GetActorTree(new ActorTreeOptions { Root = "/user/nobody" }));
        var ex = Assert.Throws<ArgumentException>(() => Sys.GetActorTree(new ActorTreeOptions { Root = "user" }));
        Assert.Contains("ActorTreeOptions.Root", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.GetActorTree(new ActorTreeOptions { MaxChildren = -1 }));
    }
}
