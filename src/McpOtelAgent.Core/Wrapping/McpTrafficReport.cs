namespace McpOtelAgent.Wrapping;

/// <summary>
/// What a wrapper sends its agent (<c>POST /api/v1/servers/{id}/mcp-traffic</c>) every interval: the operations that
/// finished, grouped by labels with each duration kept (so the agent's histogram gets exactly the measurements the
/// wrapper took), and notification counts by method.
/// </summary>
internal sealed record McpTrafficReport
{
    /// <summary>
    /// More than a wrapper ever sends at once (its queue holds <see cref="AgentReporter.DefaultQueueCapacity"/>
    /// measurements), and small enough that a full report stays well under the agent's 1 MiB body cap.
    /// </summary>
    public const int MaxDurations = 20_000;
    public const int MaxLabelLength = 256;

    public IReadOnlyList<McpOperationBatch> Operations { get; init; } = [];

    public IReadOnlyList<McpNotificationCount> Notifications { get; init; } = [];

    /// <summary>Every problem at once, keyed by the JSON path of the field (as a 400 validation problem names it).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // A body that names neither list (or sends null) binds them to null whatever the initializers say.
        if (Operations is null || Notifications is null)
        {
            foreach (var (name, list) in new (string, object?)[] { ("operations", Operations), ("notifications", Notifications) })
            {
                if (list is null)
                {
                    errors[name] = ["is required: a list, possibly empty"];
                }
            }

            return errors;
        }

        var durations = 0L;
        for (var i = 0; i < Operations.Count; i++)
        {
            var batch = Operations[i];
            var path = $"operations[{i}]";
            if (batch is null)
            {
                errors[path] = ["must be an object"];
                continue;
            }

            if (batch.Initiator is not (McpOperationBatch.ClientInitiator or McpOperationBatch.ServerInitiator))
            {
                errors[path + ".initiator"] = ["must be 'client' or 'server'"];
            }

            CheckLabel(errors, path + ".method", batch.Method, required: true);
            CheckLabel(errors, path + ".tool", batch.Tool, required: false);
            CheckLabel(errors, path + ".prompt", batch.Prompt, required: false);
            CheckLabel(errors, path + ".errorType", batch.ErrorType, required: false);
            CheckLabel(errors, path + ".protocolVersion", batch.ProtocolVersion, required: false);
            if (batch.DurationsSeconds is null || batch.DurationsSeconds.Any(d => !double.IsFinite(d) || d < 0))
            {
                errors[path + ".durationsSeconds"] = ["must be a list of finite, non-negative seconds"];
            }
            else
            {
                durations += batch.DurationsSeconds.Count;
            }
        }

        if (durations > MaxDurations)
        {
            errors["operations"] = [$"at most {MaxDurations} durations per report"];
        }

        for (var i = 0; i < Notifications.Count; i++)
        {
            var path = $"notifications[{i}]";
            if (Notifications[i] is not { } notification)
            {
                errors[path] = ["must be an object"];
                continue;
            }

            CheckLabel(errors, path + ".method", notification.Method, required: true);
            if (notification.Count < 0)
            {
                errors[path + ".count"] = ["must not be negative"];
            }
        }

        return errors;
    }

    private static void CheckLabel(Dictionary<string, string[]> errors, string path, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors[path] = ["is required"];
            }
        }
        else if (value.Length is 0 or > MaxLabelLength)
        {
            errors[path] = [$"must be 1 to {MaxLabelLength} characters"];
        }
    }
}
