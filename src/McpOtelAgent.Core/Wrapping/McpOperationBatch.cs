namespace McpOtelAgent.Wrapping;

/// <summary>Finished operations with the same labels, in a <see cref="McpTrafficReport"/>.</summary>
internal sealed record McpOperationBatch
{
    public const string ClientInitiator = "client";
    public const string ServerInitiator = "server";

    /// <summary><c>client</c> (a server operation) or <c>server</c> (a request the server sent its client).</summary>
    public string Initiator { get; init; } = ClientInitiator;

    public string Method { get; init; } = "";

    public string? Tool { get; init; }

    public string? Prompt { get; init; }

    public string? ErrorType { get; init; }

    public string? ProtocolVersion { get; init; }

    public IReadOnlyList<double> DurationsSeconds { get; init; } = [];

    /// <summary>The labels as an operation (its duration is set per measurement).</summary>
    public McpOperation ToOperation(double durationSeconds) => new(
        Initiator == ServerInitiator ? MessageDirection.ServerToClient : MessageDirection.ClientToServer,
        Method,
        Tool,
        Prompt,
        ErrorType,
        ProtocolVersion,
        TimeSpan.FromSeconds(durationSeconds));
}
