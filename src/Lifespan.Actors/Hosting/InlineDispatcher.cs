using Akka.Configuration;
using Akka.Dispatch;

namespace Lifespan.Actors.Hosting;

/// <summary>
/// The connection actors' dispatcher: runs an actor's mailbox on the thread that sent it the message (as Akka.TestKit's
/// calling-thread dispatcher does) instead of queueing it to the thread pool. A session's delta then reaches its
/// connection actor, and the actor starts the socket send, without another thread-pool hand-off per frame. Only for
/// actors whose handlers never wait: a connection actor only starts a send or queues the frame.
/// </summary>
/// <remarks>
/// The mailbox still runs one message at a time: a message sent while it runs on another thread is queued and handled
/// by that run.
/// </remarks>
internal sealed class InlineDispatcher(MessageDispatcherConfigurator configurator) : MessageDispatcher(configurator)
{
    /// <summary>The dispatcher's id in the actor system's configuration (see <see cref="LifespanAkkaConfigurationBuilderExtensions.Defaults"/>).</summary>
    public const string ConfigId = "lifespan-connection-dispatcher";

    protected override void ExecuteTask(IRunnable run) => run.Run();

    protected override void Shutdown()
    {
        // nothing to stop: no threads of its own
    }
}

/// <summary>Makes the <see cref="InlineDispatcher"/>; named by <c>type</c> in its configuration section.</summary>
internal sealed class InlineDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites) : MessageDispatcherConfigurator(config, prerequisites)
{
    private InlineDispatcher? _dispatcher;

    public override MessageDispatcher Dispatcher() => _dispatcher ??= new InlineDispatcher(this);
}
