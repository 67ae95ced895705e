using Microsoft.Extensions.Logging;

namespace McpOtelAgent.Core.Tests.Alerts;

/// <summary>Keeps every log event with its structured fields, as a logging provider would receive it.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, EventId EventId, Dictionary<string, object?> Fields, Exception? Exception)> Events { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(static p => p.Key, static p => p.Value, StringComparer.Ordinal)
            : [];
        Events.Add((logLevel, eventId, fields, exception));
    }
}
