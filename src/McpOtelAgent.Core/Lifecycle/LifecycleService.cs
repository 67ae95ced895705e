using Microsoft.Extensions.Hosting;

namespace McpOtelAgent.Lifecycle;

/// <summary>
/// Starts the declared stdio servers marked <c>autoStart</c> with the agent, and stops every managed server (the
/// whole process group, by the MCP stdio shutdown sequence) when the agent shuts down.
/// </summary>
internal sealed class LifecycleService(McpServerCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var server in catalog.Managed.Where(static s => s.Definition.AutoStart))
        {
            await server.StartAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => catalog.StopAllAsync();
}
