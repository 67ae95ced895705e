namespace McpOtelAgent.Alerts;

/// <summary>What happened to an alert.</summary>
internal enum AlertEventKind
{
    /// <summary>The condition held for its <c>for</c> duration: the alert starts firing.</summary>
    Firing = 0,

    /// <summary>A firing alert's severity went up or down.</summary>
    SeverityChanged,

    /// <summary>The condition cleared (or the server went away, or the alerts were cleared).</summary>
    Resolved,
}
