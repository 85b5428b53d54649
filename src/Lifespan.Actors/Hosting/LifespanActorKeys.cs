
namespace Lifespan.Actors.Hosting;

/// <summary>The key of <c>/user/lifespan</c> in Akka.Hosting's <c>ActorRegistry</c>: inject <c>IRequiredActor&lt;LifespanGuardianKey&gt;</c>.</summary>
public sealed class LifespanGuardianKey
{
    private LifespanGuardianKey()
    {
    }
}

/// <summary>
/// The key of <c>/user/sessions</c> in Akka.Hosting's <c>ActorRegistry</c>: inject <c>IRequiredActor&lt;SessionRegionKey&gt;</c>
/// and send it <see cref="Sessions.ISessionMessage"/>s, which it routes to their session by token.
/// </summary>
public sealed class SessionRegionKey
{
    private SessionRegionKey()
    {
    }
}
