using McpOtelAgent.Cli;

return await AgentCli.InvokeAsync(args);
