using Microsoft.Extensions.Logging;

namespace Lifespan.Actors.Tests;

/// <summary>Keeps every log line (with its level and category) for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Category, string Text, Exception? Exception)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Category, string Text, Exception? Exception)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<string> Lines => Entries.Select(e => e.Text).ToList();

    /// <summary>Called with each line once it is kept, on the thread that logged it (a test may hold that thread here).</summary>
    public Action<string>? OnLog { get; set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add((logLevel, category, formatter(state, exception), exception));
            }

            owner.OnLog?.Invoke(formatter(state, exception));
        }
    }
}
