using System.Globalization;
using System.Text.Json.Nodes;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Cli.Tests.Conformance;

/// <summary>Generates seeded random scenarios that cover every row of the issue's rule table.</summary>
/// <remarks>
/// Each scenario has its own grid step S (15s, 30s or 1m), 1–3 series on that grid (some only on every 2nd or
/// 3rd point) with short gaps and, often, a gap around the 5-minute lookback, <c>for</c> and <c>keepFiringFor</c> as multiples of S, and a limit
/// placed inside the range the values actually take so that the condition crosses back and forth. Raw
/// thresholds use integer values and limits, so ties with the limit happen and test the strict comparison;
/// computed functions get limits with an odd fraction so that a tie is not a coin toss between float orders.
/// </remarks>
internal static class ScenarioGenerator
{
    public const string Metric = "conf_metric";

    /// <summary>Every kind, one per row (and per function) of the table; scenarios cycle through them.</summary>
    public static readonly string[] Kinds =
    [
        "threshold_above", "threshold_below", "rate", "increase", "delta", "deriv", "trend",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
        "stddev_over_time", "quantile_over_time", "last_over_time", "absent",
    ];

    private static readonly int[] Steps = [15, 30, 60];

    public static IReadOnlyList<ConformanceScenario> GenerateMany(int seed, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Generate(seed, i))];

    public static ConformanceScenario Generate(int seed, int index)
    {
        // Not HashCode.Combine: it is randomized per process, and a seed must name the same scenarios in every run.
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var kind = Kinds[index % Kinds.Length];
        var step = Steps[random.Next(Steps.Length)];
        var points = random.Next(30, 61);
        var name = $"s{index:D3}_{kind}";
        var lookbackPoints = (300 / step) + 1;
        var windowPoints = random.Next(2, 9);
        var window = windowPoints * step;
        var forSeconds = Pick(random, [0, 0, 1, 2, 3, 5]) * step;
        var keepSeconds = Pick(random, [0, 0, 1, 2, 4]) * step;
        var labels = random.Next(3) == 0 ? new Dictionary<string, string> { ["team"] = "conformance" } : [];
        var (selector, series) = MakeSeries(random, kind, points, step, lookbackPoints, windowPoints);
        if (series.Count == 1 && random.Next(3) == 0)
        {
            // A rule label replaces the series label of the same name (one series, so no two alerts collide).
            labels["instance"] = "from-rule";
        }

        var above = random.Next(2) == 0;
        var rule = new JsonObject
        {
            ["name"] = name,
            ["series"] = selector,
            ["for"] = PrometheusDuration.Format(TimeSpan.FromSeconds(forSeconds)),
            ["keepFiringFor"] = PrometheusDuration.Format(TimeSpan.FromSeconds(keepSeconds)),
            ["evaluationInterval"] = PrometheusDuration.Format(TimeSpan.FromSeconds(step)),
        };
        if (labels.Count > 0)
        {
            rule["labels"] = new JsonObject([.. labels.Select(static l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        }

        var w = PrometheusDuration.Format(TimeSpan.FromSeconds(window));
        string expr;
        var values = series.SelectMany(static s => s.Values).OfType<double>().ToArray();
        switch (kind)
        {
            case "threshold_above" or "threshold_below":
            {
                above = kind == "threshold_above";
                var limit = (double)Pick(random, [48, 50, 52]);
                rule["threshold"] = Condition(above, limit);
                expr = $"{selector} {Op(above)} {Num(limit)}";
                break;
            }

            case "rate" or "increase" or "delta" or "deriv":
            {
                var limit = RangeLimit(random, kind, step, windowPoints);
                rule["rate"] = Condition(above, limit, ("function", kind), ("window", w));
                expr = $"{kind}({selector}[{w}]) {Op(above)} {Num(limit)}";
                break;
            }

            case "trend":
            {
                var horizon = Pick(random, [10 * step, 3600]);
                var limit = Fraction(random, 20, 80);
                rule["trend"] = Condition(above, limit, ("window", w), ("horizon", PrometheusDuration.Format(TimeSpan.FromSeconds(horizon))));
                expr = $"predict_linear({selector}[{w}], {horizon}) {Op(above)} {Num(limit)}";
                break;
            }

            case "absent":
            {
                rule["absent"] = new JsonObject { ["for"] = w };
                expr = $"absent_over_time({selector}[{w}])";
                break;
            }

            default:
            {
                var limit = OverTimeLimit(random, kind, values, windowPoints);
                var aggregate = Condition(above, limit, ("function", kind), ("window", w));
                var quantile = Pick(random, [0, 0.25, 0.5, 0.9, 1]);
                if (kind == "quantile_over_time")
                {
                    aggregate["quantile"] = quantile;
                }

                rule["aggregate"] = aggregate;
                expr = kind == "quantile_over_time"
                    ? $"quantile_over_time({Num(quantile)}, {selector}[{w}]) {Op(above)} {Num(limit)}"
                    : $"{kind}({selector}[{w}]) {Op(above)} {Num(limit)}";
                break;
            }
        }

        var evaluationPoints = points + lookbackPoints + ((window + keepSeconds + forSeconds) / step) + 2;
        return new ConformanceScenario(name, kind, step, evaluationPoints, expr, forSeconds, keepSeconds, labels, rule, series);
    }

    private static (string Selector, List<ConformanceSeries> Series) MakeSeries(
        Random random, string kind, int points, int step, int lookbackPoints, int windowPoints)
    {
        var count = random.Next(1, 4);
        var series = new List<ConformanceSeries>();
        for (var i = 0; i < count; i++)
        {
            // One series of another job sometimes: the selector must leave it out.
            var job = i == 2 && random.Next(2) == 0 ? "web" : "api";
            var values = kind switch
            {
                "threshold_above" or "threshold_below" => Walk(random, points, 50, 8, 1, integer: true),
                "rate" or "increase" => Counter(random, points),
                "absent" => Walk(random, points, 10, 10, 2, integer: true),
                _ => Walk(random, points, 50, 30, 3, integer: false),
            };
            // Sometimes the series is scraped every 2nd or 3rd grid point only: a regular grid coarser than S.
            var every = Pick(random, [1, 1, 1, 1, 2, 3]);
            for (var p = 1; p < values.Length; p++)
            {
                values[p] = p % every == 0 ? values[p] : null;
            }

            MakeGaps(random, values, lookbackPoints, windowPoints, keepFirst: i == 0, absent: kind == "absent");
            series.Add(new ConformanceSeries($"{Metric}{{instance=\"i{i}\",job=\"{job}\"}}", values));
        }

        var selector = kind == "absent" && random.Next(2) == 0
            ? Pick(random, [$"{Metric}{{job=\"api\",instance=\"i0\"}}", $"{Metric}{{job=\"db\"}}"])
            : Pick(random, [Metric, $"{Metric}{{job=\"api\"}}", $"{Metric}{{job=~\"a.*\"}}"]);
        return (selector, series);
    }

    private static double?[] Walk(Random random, int points, double center, double spread, int maxStep, bool integer)
    {
        var values = new double?[points];
        var value = center + random.Next(-(int)spread / 2, (int)spread / 2 + 1);
        var drift = 0.0;
        for (var i = 0; i < points; i++)
        {
            if (random.Next(8) == 0)
            {
                drift = random.Next(-1, 2) * (integer ? 1 : 0.5);
            }

            value += drift + (random.Next(-maxStep * 2, (maxStep * 2) + 1) / (integer ? 2 : 2.0));
            value = integer ? Math.Round(value) : Math.Round(value * 2) / 2;
            value = Math.Clamp(value, center - spread, center + spread);
            values[i] = value;
        }

        return values;
    }

    private static double?[] Counter(Random random, int points)
    {
        var values = new double?[points];
        double value = random.Next(0, 100);
        for (var i = 0; i < points; i++)
        {
            value = random.Next(15) == 0 ? random.Next(0, 6) : value + random.Next(0, 11);
            values[i] = value;
        }

        return values;
    }

    private static void MakeGaps(Random random, double?[] values, int lookbackPoints, int windowPoints, bool keepFirst, bool absent)
    {
        var shortGaps = random.Next(0, 3);
        for (var g = 0; g < shortGaps; g++)
        {
            Clear(values, random.Next(1, values.Length), random.Next(1, 4));
        }

        if (random.Next(3) != 0)
        {
            // Around the 5-minute lookback (or, for absence, the window): from just inside it, which tests that
            // a sample exactly 5 minutes old still counts, to well past it, so that the series goes stale.
            var length = (absent ? windowPoints : lookbackPoints) + random.Next(-2, 4);
            Clear(values, random.Next(1, Math.Max(2, values.Length - length)), length);
        }

        if (!keepFirst && random.Next(4) == 0)
        {
            Clear(values, 0, random.Next(1, 6));
        }

        if (random.Next(4) == 0)
        {
            var tail = random.Next(1, 8);
            Clear(values, values.Length - tail, tail);
        }

        if (keepFirst)
        {
            values[0] ??= 50;
        }
    }

    private static void Clear(double?[] values, int start, int length)
    {
        for (var i = Math.Max(0, start); i < Math.Min(values.Length, start + length); i++)
        {
            values[i] = null;
        }
    }

    private static double RangeLimit(Random random, string kind, int step, int windowPoints) => kind switch
    {
        "rate" => Math.Round(random.Next(2, 9) / (double)step, 4) + 0.00037,
        "increase" => (random.Next(2, 9) * (windowPoints - 1)) + 0.37,
        "delta" => random.Next(-4, 5) + 0.37,
        _ => Math.Round(random.Next(-2, 3) / (2.0 * step), 4) + 0.00037,
    };

    private static double OverTimeLimit(Random random, string kind, double[] values, int windowPoints)
    {
        var typical = values.Length == 0 ? 50 : values[random.Next(values.Length)];
        return kind switch
        {
            "count_over_time" => windowPoints + 1 - random.Next(0, 3) - 0.5,
            "sum_over_time" => Math.Round(typical * (windowPoints + 1) * 0.8) + 0.37,
            "stddev_over_time" => random.Next(1, 5) + 0.37,
            _ => Math.Round(typical) + 0.37,
        };
    }

    private static JsonObject Condition(bool above, double limit, params (string Name, string Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        json[above ? "above" : "below"] = limit;
        return json;
    }

    private static double Fraction(Random random, int min, int max) => random.Next(min, max) + 0.37;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Op(bool above) => above ? ">" : "<";

    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
