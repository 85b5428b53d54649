namespace Lifespan.Actors.TestKit;

/// <summary>Expectations about the messages a probe receives.</summary>
public sealed partial class TestProbe
{
    /// <summary>
    /// Expects the next message to be a <typeparamref name="T"/> (matching <paramref name="predicate"/>) and returns it;
    /// a failure names the type, the <paramref name="hint"/> if given, and what arrived or how long it waited.
    /// </summary>
    public Task<T> ExpectMsgAsync<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null, string? hint = null) =>
        ExpectAsync(predicate, timeout, (predicate is null ? typeof(T).Name : $"{typeof(T).Name} matching the predicate") + Hint(hint));

    /// <summary>
    /// Expects the next message to equal <paramref name="expected"/> as xunit's <c>Assert.Equal</c> compares (collections by
    /// their items); a failure shows <paramref name="hint"/> if given.
    /// </summary>
    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null, string? hint = null) where T : notnull =>
        ExpectAsync<T>(m => AreEqual(expected, m), timeout, $"{typeof(T).Name} {Show(expected)}{Hint(hint)}");

    private async Task<T> ExpectAsync<T>(Predicate<T>? predicate, TimeSpan? timeout, string what)
    {
        var wait = Deadline.Resolve(timeout, _options);
        var item = await TryReadAsync(wait).ConfigureAwait(false)
            ?? throw new TestKitException($"Expected {what} within {wait} but no message arrived.");
        if (item.Message is T typed && (predicate is null || predicate(typed)))
        {
            return typed;
        }

        throw new TestKitException($"Expected {what} but received {Describe(item)}.");
    }

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? string.Empty : $" ({hint})";

    /// <summary>
    /// Expects no message for <paramref name="duration"/> (dilated; default 100 ms), or for what is left of an enclosing
    /// <c>WithinAsync</c> block if that is less; a block whose last expectation this is does not fail for using up its time.
    /// </summary>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        var wait = Deadline.Resolve(duration ?? TimeSpan.FromMilliseconds(100), _options);
        if (await TryReadAsync(wait).ConfigureAwait(false) is { } item)
        {
            throw new TestKitException($"Expected no message for {wait} but received {Describe(item)}.");
        }

        Deadline.LastWasNoMessage(true);
    }

    /// <summary>Receives exactly <paramref name="count"/> messages of any type within <paramref name="timeout"/> in all.</summary>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var wait = Deadline.Resolve(timeout, _options);
        var deadline = Deadline.After(wait);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var item = await TryReadAsync(Deadline.Until(deadline)).ConfigureAwait(false)
                ?? throw new TestKitException($"Expected {count} messages within {wait} but received {messages.Count}: [{string.Join(", ", messages.Select(Show))}].");
            messages.Add(item.Message);
        }

        return messages;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>, and returns it.</summary>
    public Task<object> FishForMessageAsync(Predicate<object> isTheOne, TimeSpan? timeout = null, string? hint = null) =>
        FishAsync(isTheOne, timeout, "a matching message", hint);

    /// <summary>Skips messages until a <typeparamref name="T"/> satisfying <paramref name="predicate"/> arrives, and returns it.</summary>
    public async Task<T> FishForMessageAsync<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null, string? hint = null) =>
        (T)await FishAsync(m => m is T t && (predicate is null || predicate(t)), timeout, typeof(T).Name, hint).ConfigureAwait(false);

    private async Task<object> FishAsync(Predicate<object> isTheOne, TimeSpan? timeout, string description, string? hint)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var wait = Deadline.Resolve(timeout, _options);
        var deadline = Deadline.After(wait);
        var skipped = new List<string>();
        while (true)
        {
            var item = await TryReadAsync(Deadline.Until(deadline)).ConfigureAwait(false)
                ?? throw new TestKitException(
                    $"Fished for {description}{Hint(hint)} for {wait} without success; skipped {skipped.Count}: [{string.Join(", ", skipped)}].");
            if (isTheOne(item.Message))
            {
                return item.Message;
            }

            skipped.Add(Describe(item));
        }
    }
}
