using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GuongSang.Tests;

/// <summary>
/// Keeps every log line written through it, with its exception, for tests that check what a log holds.
/// Linked into each test project that needs it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>Every line as a person reads it: message, then the exception with its stack trace.</summary>
    public string All => string.Join("\n", _lines.Select(l => l.Message + "\n" + l.Exception));

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public ILogger CreateLogger(string categoryName) => new Capture(this);

    public void Dispose()
    {
    }

    private sealed class Capture(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._lines.Enqueue(new LogLine(logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogLine(LogLevel Level, string Message, Exception? Exception);
