using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>Writes a scenario as a Prometheus rule file and a <c>promtool test rules</c> unit-test file.</summary>
/// <remarks>
/// The unit test loads the input series in promtool notation (<c>_</c> for a skipped grid point) at interval S,
/// evaluates the rule every S (<c>evaluation_interval</c>), and at every grid time queries
/// <c>ALERTS{alertname="…"}</c>, which Prometheus writes at each evaluation for every pending or firing alert
/// (with <c>alertstate</c>) and marks stale when an alert ends. The expected samples are the alerts our engine
/// had active at that time; an empty list expects no active alert.
/// </remarks>
internal static class PromtoolTestWriter
{
    /// <summary>Writes <c>NAME.rules.yml</c> and <c>NAME.test.yml</c> into <paramref name="directory"/>.</summary>
    /// <returns>The path of the unit-test file.</returns>
    public static string Write(string directory, ConformanceScenario scenario, AlertTimeline expected)
    {
        var rules = new StringBuilder();
        rules.Append("groups:\n- name: ").Append(scenario.Name).Append('\n')
            .Append("  rules:\n  - alert: ").Append(scenario.Name).Append('\n')
            .Append("    expr: ").Append(Quote(scenario.Expr)).Append('\n')
            .Append("    for: ").Append(Duration(scenario.ForSeconds)).Append('\n')
            .Append("    keep_firing_for: ").Append(Duration(scenario.KeepFiringForSeconds)).Append('\n');
        if (scenario.RuleLabels.Count > 0)
        {
            rules.Append("    labels:\n");
            foreach (var (name, value) in scenario.RuleLabels)
            {
                rules.Append("      ").Append(name).Append(": ").Append(Quote(value)).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(directory, $"{scenario.Name}.rules.yml"), rules.ToString());

        var step = Duration(scenario.StepSeconds);
        var test = new StringBuilder();
        test.Append("# ").Append(scenario.Kind).Append(": ").Append(scenario.Expr).Append('\n')
            .Append("rule_files:\n- ").Append(scenario.Name).Append(".rules.yml\n")
            .Append("evaluation_interval: ").Append(step).Append('\n')
            .Append("tests:\n- interval: ").Append(step).Append('\n')
            .Append("  input_series:\n");
        foreach (var series in scenario.Series)
        {
            var values = string.Join(' ', series.Values.Select(static v => v is { } x ? ScenarioGenerator.Num(x) : "_"));
            test.Append("  - series: ").Append(Quote(series.Literal)).Append('\n')
                .Append("    values: ").Append(Quote(values)).Append('\n');
        }

        test.Append("  promql_expr_test:\n");
        for (var point = 0; point < scenario.EvaluationPoints; point++)
        {
            var seconds = point * scenario.StepSeconds;
            test.Append("  - expr: ").Append(Quote($"ALERTS{{alertname=\"{scenario.Name}\"}}")).Append('\n')
                .Append("    eval_time: ").Append(seconds.ToString(CultureInfo.InvariantCulture)).Append("s\n");
            var active = expected.ActiveAt(seconds);
            if (active.Count == 0)
            {
                test.Append("    exp_samples: []\n");
                continue;
            }

            test.Append("    exp_samples:\n");
            foreach (var alert in active)
            {
                test.Append("    - labels: ").Append(Quote(alert)).Append('\n')
                    .Append("      value: 1\n");
            }
        }

        var path = Path.Combine(directory, $"{scenario.Name}.test.yml");
        File.WriteAllText(path, test.ToString());
        return path;
    }

    private static string Duration(int seconds) => PrometheusDuration.Format(TimeSpan.FromSeconds(seconds));

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
