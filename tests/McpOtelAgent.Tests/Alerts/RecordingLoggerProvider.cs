using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Tests.Alerts;

/// <summary>A logging provider that keeps every event with its structured fields, for asserting on log events.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Fields)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal)
                : [];
            provider.Events.Enqueue((category, logLevel, eventId, fields));
        }
    }
}
