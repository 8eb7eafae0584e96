using System.Text.Json.Nodes;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>One generated rule and its input: the same thing as a PromQL alerting rule and as our rule JSON.</summary>
/// <param name="Name">The scenario's name; also the alert name (<c>s017_rate</c>).</param>
/// <param name="Kind">The row of the table it exercises, e.g. <c>rate</c>, <c>avg_over_time</c>.</param>
/// <param name="StepSeconds">The grid step S: the input interval and the evaluation interval.</param>
/// <param name="EvaluationPoints">How many grid times (0, S, 2S, …) are compared.</param>
/// <param name="Expr">The PromQL alert expression.</param>
/// <param name="ForSeconds">The rule's <c>for</c>, a multiple of S.</param>
/// <param name="KeepFiringForSeconds">The rule's <c>keep_firing_for</c>, a multiple of S.</param>
/// <param name="RuleLabels">Labels the rule adds.</param>
/// <param name="Rule">Our rule JSON object (as in a rules file).</param>
/// <param name="Series">The input series.</param>
internal sealed record ConformanceScenario(
    string Name,
    string Kind,
    int StepSeconds,
    int EvaluationPoints,
    string Expr,
    int ForSeconds,
    int KeepFiringForSeconds,
    IReadOnlyDictionary<string, string> RuleLabels,
    JsonObject Rule,
    IReadOnlyList<ConformanceSeries> Series)
{
    /// <summary>The last compared grid time, in seconds since the epoch.</summary>
    public int LastEvaluationSeconds => (EvaluationPoints - 1) * StepSeconds;
}

/// <summary>One input series: its literal and its value at each grid point, null where it skips the point.</summary>
/// <param name="Literal">The series in Prometheus notation, e.g. <c>conf_metric{instance="a",job="api"}</c>.</param>
/// <param name="Values">The values at grid points 0, 1, 2, …; null is a gap.</param>
internal sealed record ConformanceSeries(string Literal, double?[] Values);
