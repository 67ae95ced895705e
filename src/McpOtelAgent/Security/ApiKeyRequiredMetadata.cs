namespace McpOtelAgent.Security;

/// <summary>Marks an endpoint that changes state: <see cref="ApiKeyMiddleware"/> lets it run only with the API key.</summary>
internal sealed class ApiKeyRequiredMetadata
{
    public static readonly ApiKeyRequiredMetadata Instance = new();

    private ApiKeyRequiredMetadata()
    {
    }
}
