namespace McpOtelAgent.Alerts;

internal static class AlertStateExtensions
{
    /// <summary>The lower-case name used in JSON, log fields, metric attributes and the API's <c>?state=</c>.</summary>
    public static string ToName(this AlertState state) => state == AlertState.Firing ? "firing" : "resolved";

    public static bool TryParse(string? text, out AlertState state)
    {
        foreach (var candidate in (ReadOnlySpan<AlertState>)[AlertState.Firing, AlertState.Resolved])
        {
            if (string.Equals(text, candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
