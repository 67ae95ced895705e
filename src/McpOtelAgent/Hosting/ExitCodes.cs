namespace McpOtelAgent.Hosting;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The agent failed while running.</summary>
    public const int Failed = 1;

    /// <summary>The configuration is invalid: nothing was started.</summary>
    public const int InvalidConfiguration = 2;
}
