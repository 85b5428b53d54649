using System.Diagnostics.Metrics;
using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.Tests.Actors;

public sealed class MetricsTests : TestKit.TestKit
{
    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("x"));
    }

    [Fact]
    public async Task The_kernel_reports_processed_messages_dead_letters_restarts_and_live_actors()
    {
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KernelMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "actor_system" && (string?)tag.Value == "metered")
                {
                    lock (totals)
                    {
                        totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            }
        });
        listener.Start();

        await using var system = ActorSystem.Create("metered");
        var echo = system.ActorOf(Props.Create<EchoActor>());
        var failing = system.ActorOf(Props.Create<Failing>());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i, await echo.Ask<int>(i, TimeSpan.FromSeconds(3)));
        }

        failing.Tell("fail");
        system.DeadLetters.Tell("lost");

        long Total(string name)
        {
            lock (totals)
            {
                return totals.GetValueOrDefault(name);
            }
        }

        await AwaitAssertAsync(() =>
        {
            Assert.True(Total("lifespan.actors.messages_processed") >= 11);
            Assert.Equal(1, Total("lifespan.actors.dead_letters"));
            Assert.Equal(1, Total("lifespan.actors.restarts"));
            Assert.Equal(5, Total("lifespan.actors.live"));   // root, /user, /system and the two actors
        });
    }
}
