namespace Lifespan.Actors;

/// <summary>
/// The root of the tree. It watches <c>/user</c>; when that stops it stops itself, which stops <c>/system</c> last.
/// </summary>
internal sealed class RootGuardian : ReceiveActor
{
    public RootGuardian()
    {
        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Path.Name == "user")
            {
                Context.Stop(Self);
            }
        });
    }

    protected override void PreStart()
    {
        if (Context.Child("user") is { } user)
        {
            Context.Watch(user);
        }
    }

    protected override void PreRestart(Exception reason, object? message) { }
}

/// <summary>The <c>/user</c> and <c>/system</c> guardians: parents that supervise with the default strategy.</summary>
internal sealed class Guardian : ReceiveActor
{
    public Guardian() => ReceiveAny(Unhandled);
}
