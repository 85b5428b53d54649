namespace Lifespan.Actors.Benchmarks.Sessions;

/// <summary>
/// Akka alone, no library code: one actor that routes messages by key to N idle children (as <c>/user/sessions</c>
/// routes events by token to the sessions), against the same messages told to the children directly. The difference
/// is what one routing hop costs per message, and the routed rate is the ceiling of any single routing actor on this
/// machine, whatever its children do.
/// </summary>
internal static class RoutingCeiling
{
    public static async Task<IReadOnlyList<ThroughputResult>> RunAsync(SessionsScale scale, CancellationToken cancellationToken)
    {
        var (sessions, perSession) = (scale.Sessions, scale.EventsPerSession);
        var total = sessions * perSession;
        var counter = new DeltaCounter();
        var keys = Enumerable.Range(0, sessions).Select(i => "s" + i).ToArray();
        var system = ActorSystem.Create("routing-ceiling", "akka.loglevel = WARNING");
        try
        {
            var router = system.ActorOf(Props.Create(() => new KeyRouter(keys, counter)), "router");
            var children = await router.Ask<IActorRef[]>(new ListChildren(), TimeSpan.FromMinutes(1), cancellationToken);

            async Task Routed()
            {
                counter.Reset(total);
                await SessionThroughput.ProduceRoundRobinAsync(sessions, perSession, s => router.Tell(new Keyed(keys[s])), cancellationToken);
                await counter.WaitAsync($"{sessions} children, routed", cancellationToken);
            }

            async Task Direct()
            {
                counter.Reset(total);
                await SessionThroughput.ProduceRoundRobinAsync(sessions, perSession, s => children[s].Tell(new Keyed(keys[s])), cancellationToken);
                await counter.WaitAsync($"{sessions} children, told directly", cancellationToken);
            }

            return await SessionThroughput.CompareAsync(total, scale.Rounds, [
                ($"Akka only: {sessions:N0} idle child actors told directly (baseline of this table)", Direct),
                ($"Akka only: the same through one routing actor (look-up by key, then Forward)", Routed),
            ]);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }

    private sealed record Keyed(string Key);

    private sealed record ListChildren;

    /// <summary>Spawns one child per key and forwards each <see cref="Keyed"/> message to the child of its key.</summary>
    private sealed class KeyRouter : UntypedActor
    {
        private readonly Dictionary<string, IActorRef> _children = new(StringComparer.Ordinal);
        private readonly string[] _keys;

        public KeyRouter(string[] keys, DeltaCounter counter)
        {
            _keys = keys;
            foreach (var key in keys)
            {
                _children[key] = Context.ActorOf(Props.Create(() => new Counting(counter)), key);
            }
        }

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Keyed k:
                    _children[k.Key].Forward(k);
                    break;
                case ListChildren:
                    Sender.Tell(_keys.Select(key => _children[key]).ToArray());
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    private sealed class Counting(DeltaCounter counter) : UntypedActor
    {
        protected override void OnReceive(object message) => counter.Hit();
    }
}
