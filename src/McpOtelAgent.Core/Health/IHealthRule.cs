namespace McpOtelAgent.Health;

/// <summary>
/// One health check. Rules are registered as <c>IHealthRule</c> singletons (<c>services.AddHealthRule&lt;T&gt;()</c>)
/// and run at every health check for every server; each returns the issues it finds, and every issue names the alert
/// type it feeds, so a new rule (the lifecycle's <c>crash_loop</c>, the probe's <c>probe_failed</c>) needs no change
/// to the evaluator or the alert manager. A rule must be quick and must not touch /proc: it reads the context, or
/// state its own area keeps.
/// </summary>
internal interface IHealthRule
{
    IEnumerable<HealthIssue> Evaluate(HealthContext context);
}
