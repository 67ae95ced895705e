namespace McpOtelAgent.Rules;

/// <summary>A Prometheus recording rule: <paramref name="Record"/> is <paramref name="Expression"/>, evaluated ahead of the dashboards.</summary>
internal sealed record RecordingRule(string Record, string Expression);
