using System.CommandLine;
using McpOtelAgent.Cli;

var root = new RootCommand("mcp-otel-agent: observability for MCP server processes") { WrapCommand.Create() };

// No response files: "@scope/package" is an ordinary argument of wrapped commands. No termination timeout: the wrapper
// forwards signals to its server and ends when that does.
var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
