
namespace Lifespan.Actors.Tests.Sessions;

/// <summary>
/// Events refused with no one to answer are reported to the subscribers once per burst, also when the session refuses
/// them itself: its mailbox is idle (a background task holds its lock, an async handler awaits), so they reach it.
/// </summary>
public sealed class RefusalBurstTests() : SessionTestKit(o => o.MaxQueuedEvents = 3)
{
    [Fact]
    public async Task A_flood_without_reply_to_a_session_whose_lock_is_held_is_one_report_and_loses_no_accepted_event()
    {
        var (token, client) = await NewSessionAsync();
        var gate = CounterState.Gates.GetOrAdd(token, _ => new SemaphoreSlim(0));
        Hub.Send(token, Event("CounterState.HoldLock"));
        await CounterState.HeldSignal(token).Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));

        for (var i = 0; i < 50; i++)
        {
            Hub.Send(token, Event("CounterState.Increment"));   // 3 wait, 47 are refused
        }

        // A burst ends when the session reports it, so a flood may be a few reports, never one per event.
        var reports = new List<string>();
        while (reports.Sum(RefusedIn) < 47)
        {
            reports.Add((await client.FishForMessageAsync<global::Lifespan.Actors.Sessions.SessionError>(_ => true, Dilated(TimeSpan.FromSeconds(10)))).Message);
        }

        Assert.Equal(47, reports.Sum(RefusedIn));
        Assert.True(reports.Count <= 10, $"{reports.Count} reports for one flood: {reports[0]}");
        Assert.All(reports, r => Assert.Contains("the session's queue was full (lifespan.sessions.max-queued-events = 3)", r, StringComparison.Ordinal));

        gate.Release();
        await NoBackgroundTasksAsync(token);
        Assert.Equal(4, await ReadAsync<CounterState, int>(token, s => s.Count));   // the lock's increment and the 3 accepted
        Hub.Send(token, Event("CounterState.Increment"));
        await ExpectValueAsync(client, "CounterState", "count", 5);
        Assert.DoesNotContain(await DrainAsync(client), m => m is global::Lifespan.Actors.Sessions.SessionError);
    }

    /// <summary>How many refusals a report counts: "N events were refused, ..." or "Event X was refused: ...".</summary>
    private static int RefusedIn(string report) =>
        report.StartsWith("Event ", StringComparison.Ordinal) ? 1 : int.Parse(report[..report.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<object>> DrainAsync(TestProbe probe)
    {
        var messages = new List<object>();
        while (await probe.TryReceiveOneAsync(TimeSpan.FromMilliseconds(100)) is (true, var envelope))
        {
            messages.Add(envelope.Message);
        }

        return messages;
    }
}
