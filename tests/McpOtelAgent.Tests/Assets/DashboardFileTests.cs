using McpOtelAgent.Tests.Assets.Support;

namespace McpOtelAgent.Tests.Assets;

/// <summary>The dashboards' shape: Grafana's current schema, the datasource as a variable everywhere, a unit on every panel.</summary>
public class DashboardFileTests
{
    /// <summary>The schema version Grafana 12 writes; provisioning older JSON works but is migrated on every load.</summary>
    private const int CurrentSchemaVersion = 41;

    public static TheoryData<string> Files => [.. Dashboards.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_Json_CurrentSchemaAndDatasourceVariable(string file)
    {
        var dashboard = Dashboards.Load(file);

        Assert.Equal(CurrentSchemaVersion, (int)dashboard["schemaVersion"]!);
        Assert.False(string.IsNullOrEmpty((string?)dashboard["uid"]));
        var variables = dashboard["templating"]!["list"]!.AsArray().Select(static v => v!.AsObject()).ToList();
        Assert.Contains(variables, static v => (string?)v["type"] == "datasource" && (string?)v["name"] == "datasource" && (string?)v["query"] == "prometheus");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_EveryPanel_UnitDatasourceVariableAndQueries(string file)
    {
        var panels = Dashboards.Panels(Dashboards.Load(file)).ToList();

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            var title = (string)panel["title"]!;
            Assert.False(string.IsNullOrEmpty((string?)panel["fieldConfig"]?["defaults"]?["unit"]), $"{title}: no unit");
            Assert.Equal("${datasource}", (string?)panel["datasource"]?["uid"]);
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.Equal("${datasource}", (string?)t!["datasource"]?["uid"]));
        });
        Assert.Equal(panels.Count, panels.Select(static p => (int)p["id"]!).Distinct().Count());
    }

    [Fact]
    public void ServerDetail_Variables_ServerIdFromTheAgentsUpAndProbeSeries()
    {
        var variables = Dashboards.Load("mcp-server-detail.json")["templating"]!["list"]!.AsArray();

        // mcp_server_up for every server with a process, mcp_server_probe_success for url servers, which have none.
        var server = variables.Single(static v => (string?)v!["name"] == "server_id")!;
        Assert.Equal(Dashboards.ServerIdVariable, (string?)server["definition"]);
        Assert.All(Dashboards.Queries().Where(static q => q.Dashboard == "mcp-server-detail.json"),
            q => Assert.Contains("$server_id", q.Expr, StringComparison.Ordinal));
    }

    [Fact]
    public void GrafanaProvisioning_DashboardProvider_PointsWhereComposeMountsTheDashboards()
    {
        var provider = File.ReadAllText(RepoPaths.Of("deploy", "grafana", "provisioning", "dashboards", "mcp-otel-agent.yml"));
        var compose = File.ReadAllText(RepoPaths.Of("docker-compose.yml"));

        Assert.Contains("path: /var/lib/grafana/dashboards", provider, StringComparison.Ordinal);
        Assert.Contains("./dashboards:/var/lib/grafana/dashboards:ro", compose, StringComparison.Ordinal);
        Assert.Contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", compose, StringComparison.Ordinal);
    }
}
