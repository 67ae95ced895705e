using McpOtelAgent.Health;

namespace McpOtelAgent.Alerts;

/// <summary>
/// One alert: at most one is firing per (<see cref="ServerId"/>, <see cref="Type"/>). <see cref="Rule"/>,
/// <see cref="Value"/> and <see cref="Threshold"/> are those of the worst issue of that type at the latest check;
/// <see cref="ActiveSince"/> is when the condition was first seen, <see cref="StartsAt"/> when it had held for its
/// <c>for</c> duration and fired.
/// </summary>
internal sealed record Alert(
    long Id,
    string ServerId,
    string Type,
    Severity Severity,
    AlertState State,
    string Rule,
    double? Value,
    double? Threshold,
    string Summary,
    string Description,
    DateTimeOffset ActiveSince,
    DateTimeOffset StartsAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndsAt);
