namespace Lifespan.Actors.TestKit;

/// <summary>Expectations about several messages at once.</summary>
public sealed partial class TestProbe
{
    /// <summary>Expects the next messages to be exactly <paramref name="expected"/> (compared as by <c>Assert.Equal</c>), in any order, within the default timeout.</summary>
    public Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(params T[] expected) where T : notnull => ExpectMsgAllOfAsync(expected, timeout: null);

    /// <summary>
    /// Expects the next messages to be exactly <paramref name="expected"/>, in any order, all within <paramref name="timeout"/>,
    /// and returns them as they arrived; fails at the first message that is none of those still missing.
    /// </summary>
    public async Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(IEnumerable<T> expected, TimeSpan? timeout) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(expected);
        var missing = expected.Cast<object>().ToList();
        var all = $"[{string.Join(", ", missing.Select(Show))}]";
        var wait = Deadline.Resolve(timeout, _options);
        var deadline = Deadline.After(wait);
        var received = new List<T>(missing.Count);
        while (missing.Count > 0)
        {
            var item = await TryReadAsync(Deadline.Until(deadline)).ConfigureAwait(false)
                ?? throw new TestKitException(
                    $"Expected all of {all} within {wait} but received only [{string.Join(", ", received.Select(m => Show(m)))}]; missing [{string.Join(", ", missing.Select(Show))}].");
            var index = missing.FindIndex(m => AreEqual(m, item.Message));
            if (index < 0)
            {
                throw new TestKitException($"Expected all of {all} but received {Describe(item)}, which is none of the missing [{string.Join(", ", missing.Select(Show))}].");
            }

            missing.RemoveAt(index);
            received.Add((T)item.Message);
        }

        return received;
    }

    /// <summary>Expects the next message to equal one of <paramref name="expected"/>, and returns it.</summary>
    public Task<T> ExpectMsgAnyOfAsync<T>(params T[] expected) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(expected);
        return ExpectAsync<T>(m => expected.Any(e => AreEqual(e, m)), timeout: null, $"any of [{string.Join(", ", expected.Select(m => Show(m)))}]");
    }

    /// <summary>
    /// Receives <typeparamref name="T"/> messages while they satisfy <paramref name="shouldContinue"/>, and returns them. It stops
    /// at the first message that is not a <typeparamref name="T"/> or does not satisfy it (that message stays first in the queue
    /// for the next expectation), after <paramref name="count"/> messages, when no message arrives for <paramref name="idle"/>
    /// (dilated), or at <paramref name="max"/>; it never fails.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReceiveWhileAsync<T>(
        Predicate<T>? shouldContinue = null, TimeSpan? max = null, TimeSpan? idle = null, int count = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var deadline = Deadline.After(Deadline.Resolve(max, _options));
        var idleWait = idle is { } i ? Deadline.Resolve(i, _options) : Timeout.InfiniteTimeSpan;
        var received = new List<T>();
        while (received.Count < count)
        {
            var left = Deadline.Until(deadline);
            var (lastMessage, sender) = (LastMessage, Sender);
            if (await TryReadAsync(left == Timeout.InfiniteTimeSpan || (idleWait != Timeout.InfiniteTimeSpan && idleWait < left) ? idleWait : left)
                .ConfigureAwait(false) is not { } item)
            {
                break;
            }

            if (item.Message is not T typed || (shouldContinue is not null && !shouldContinue(typed)))
            {
                PutBack(item, lastMessage, sender);
                break;
            }

            received.Add(typed);
        }

        return received;
    }
}
