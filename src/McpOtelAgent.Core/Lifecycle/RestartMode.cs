namespace McpOtelAgent.Lifecycle;

/// <summary>When a managed server that exited on its own is started again.</summary>
internal enum RestartMode
{
    /// <summary>After any exit the agent did not ask for: a stdio server only exits by itself when something is wrong.</summary>
    Always = 0,

    /// <summary>Only after a non-zero exit code or a signal.</summary>
    OnFailure,

    /// <summary>Never; the server stays down (exited) until started by hand.</summary>
    Never,
}
