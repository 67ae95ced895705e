using System.Text.Json.Nodes;

namespace McpOtelAgent.Tests.Assets.Support;

/// <summary>The shipped dashboards and their panels' queries, with Grafana's variables substituted for a server.</summary>
internal static class Dashboards
{
    public static readonly string[] Files = ["mcp-fleet-overview.json", "mcp-server-detail.json"];

    /// <summary>The server detail's <c>server_id</c> variable, and the series selector inside it.</summary>
    public const string ServerIdSelector = "{__name__=~\"mcp_server_up|mcp_server_probe_success\"}";

    public const string ServerIdVariable = "label_values(" + ServerIdSelector + ", server_id)";

    public static JsonObject Load(string file) =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Of("dashboards", file)))!.AsObject();

    /// <summary>Every panel, rows' nested panels included, rows themselves excluded.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().Select(static p => p!.AsObject())
            .SelectMany(static p => (string?)p["type"] == "row"
                ? (p["panels"]?.AsArray().Select(static c => c!.AsObject()) ?? [])
                : [p]);

    /// <summary>(dashboard, row, panel title, query) for every panel target and annotation query.</summary>
    public static IEnumerable<(string Dashboard, string Row, string Where, string Expr)> Queries()
    {
        foreach (var file in Files)
        {
            var dashboard = Load(file);
            var row = string.Empty;
            foreach (var panel in dashboard["panels"]!.AsArray().Select(static p => p!.AsObject()))
            {
                if ((string?)panel["type"] == "row")
                {
                    row = (string)panel["title"]!;
                    continue;
                }

                foreach (var target in panel["targets"]!.AsArray())
                {
                    yield return (file, row, (string)panel["title"]!, (string)target!["expr"]!);
                }
            }

            foreach (var annotation in dashboard["annotations"]!["list"]!.AsArray())
            {
                if (annotation!["expr"] is { } expr)
                {
                    yield return (file, string.Empty, "annotation " + (string)annotation["name"]!, (string)expr!);
                }
            }
        }
    }

    /// <summary>Grafana's variables as a test sets them: one server, and a rate interval of four 15 s scrapes.</summary>
    public static string Substitute(string expr, string serverId) => expr
        .Replace("$server_id", serverId, StringComparison.Ordinal)
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal);
}
