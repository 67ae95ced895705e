using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Tests.Lifecycle.Support;

/// <summary>Keeps every log event as the text a console or file sink would show: message, fields and exception.</summary>
internal sealed class TextLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            provider.Lines.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} [{fields}] {exception}");
        }
    }
}
