using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>Writes a scenario as <c>rxmon replay</c>'s input: a rules file and a samples CSV.</summary>
internal static class ScenarioFiles
{
    public static (string Rules, string Samples) Write(string directory, ConformanceScenario scenario)
    {
        var rules = Path.Combine(directory, $"{scenario.Name}.rules.json");
        File.WriteAllText(rules, new JsonObject { ["rules"] = new JsonArray(scenario.Rule.DeepClone()) }.ToJsonString());

        var csv = new StringBuilder("timestamp,series,value\n");
        for (var point = 0; point < scenario.Series.Max(static s => s.Values.Length); point++)
        {
            foreach (var series in scenario.Series)
            {
                if (point < series.Values.Length && series.Values[point] is { } value)
                {
                    csv.Append((point * scenario.StepSeconds).ToString(CultureInfo.InvariantCulture))
                        .Append(",\"").Append(series.Literal.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                        .Append(ScenarioGenerator.Num(value)).Append('\n');
                }
            }
        }

        var samples = Path.Combine(directory, $"{scenario.Name}.csv");
        File.WriteAllText(samples, csv.ToString());
        return (rules, samples);
    }
}
