namespace McpOtelAgent.Configuration;

/// <summary>
/// <c>Agent:Otlp</c>. OTLP export is on when <see cref="Endpoint"/> is set here or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; every other standard <c>OTEL_*</c> variable is honoured by the exporter itself.
/// </summary>
internal sealed class OtlpOptions
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>; unset means the exporter's default (or <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).</summary>
    public string? Protocol { get; set; }
}
