namespace Lifespan.Actors;

/// <summary>
/// Keyed timers that send a message to the actor itself. Starting a timer with a key that is already in use
/// replaces it; a message from a cancelled or replaced timer is never delivered, even if it was already queued.
/// Every timer is cancelled when the actor restarts or stops.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to self once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> to self every <paramref name="interval"/>, the first time after <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> to self after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with <paramref name="key"/> is active.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of this actor.</summary>
    void CancelAll();
}
