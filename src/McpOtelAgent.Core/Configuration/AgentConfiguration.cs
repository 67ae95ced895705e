using System.Collections;
using Microsoft.Extensions.Configuration;

namespace McpOtelAgent.Configuration;

/// <summary>
/// Builds the agent's configuration. Precedence, lowest first: the embedded defaults, the JSON file, the environment
/// (<c>MCPOTEL_</c> prefix, <c>__</c> for nesting; <c>ASPNETCORE_URLS</c> and <c>MCPOTEL_API_KEY</c> as aliases), the
/// command line. <c>OTEL_*</c> variables are kept under their own names for the OpenTelemetry SDK to read.
/// </summary>
internal static class AgentConfiguration
{
    public const string EnvironmentPrefix = "MCPOTEL_";
    public const string ApiKeyVariable = "MCPOTEL_API_KEY";
    private const string DefaultsResource = "McpOtelAgent.Configuration.agent.defaults.json";

    /// <summary>Replaces whatever sources the builder had with the agent's own, in precedence order.</summary>
    /// <param name="builder">The host's configuration.</param>
    /// <param name="configPath">The <c>--config</c> file; null for the embedded defaults alone.</param>
    /// <param name="commandLine">Keys set on the command line (<c>Agent:Urls</c>, ...), applied last.</param>
    /// <param name="environment">The process environment; tests pass their own.</param>
    public static void Apply(
        IConfigurationBuilder builder,
        string? configPath,
        IReadOnlyDictionary<string, string?> commandLine,
        IDictionary environment)
    {
        builder.Sources.Clear();
        builder.AddJsonStream(OpenDefaults());
        if (configPath is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(environment));
        builder.AddInMemoryCollection(commandLine);
    }

    public static Stream OpenDefaults() =>
        typeof(AgentConfiguration).Assembly.GetManifestResourceStream(DefaultsResource)
        ?? throw new InvalidOperationException($"embedded resource {DefaultsResource} is missing from the build");

    /// <summary>
    /// The environment's share of the configuration: <c>MCPOTEL_A__B=v</c> becomes <c>A:B=v</c>; the aliases come
    /// first so their <c>MCPOTEL_Agent__...</c> spelling wins.
    /// </summary>
    public static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var prefixed = new List<KeyValuePair<string, string?>>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || entry.Value is not string value)
            {
                continue;
            }

            if (name.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase))
            {
                values["Agent:Urls"] = value;
            }
            else if (name.Equals(ApiKeyVariable, StringComparison.OrdinalIgnoreCase))
            {
                values["Agent:ApiKey"] = value;
            }
            else if (name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            {
                values[name] = value;
            }
            else if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                prefixed.Add(new(name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), value));
            }
        }

        foreach (var (key, value) in prefixed)
        {
            values[key] = value;
        }

        return values;
    }
}
