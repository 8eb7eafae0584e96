using System.Diagnostics;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Nab;

/// <summary>Runs the anomaly rule kind over one NAB series, through the evaluator a rule uses, and times it.</summary>
internal static class NabRun
{
    private static readonly SeriesKey Series = SeriesKey.Create("nab_value");

    /// <summary>The score of every row, and the nanoseconds spent and bytes allocated per row.</summary>
    /// <param name="series">The series.</param>
    /// <returns>The scores and the cost.</returns>
    public static (double[] Scores, double NanosecondsPerSample, double BytesPerSample) Score(NabSeries series)
    {
        var evaluator = CreateRuleDetector(series.ProbationaryLength).CreateEvaluator(Series);
        var scores = new double[series.Count];
        var ticks = series.Ticks;
        var values = series.Values;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < scores.Length && i < ticks.Length && i < values.Length; i++)
        {
            evaluator.Add(ticks[i], values[i]);
            scores[i] = evaluator.Evaluate(ticks[i]).Value;
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return (scores, elapsed.TotalNanoseconds / scores.Length, (double)bytes / scores.Length);
    }

    // The rule a user would write, read and built exactly as a rules file is; only the warm-up comes from NAB.
    private static IDetector CreateRuleDetector(int warmupSamples)
    {
        var json = $$$"""
            {"rules": [{"name": "nab", "series": "nab_value", "anomaly": {"above": 0.5, "warmupSamples": {{{Math.Max(warmupSamples, 10)}}}}}]}
            """;
        return RuleFile.Parse(json, "nab-rule.json").ToAlertRules()[0].Detector ?? throw new InvalidOperationException("The anomaly rule has no detector.");
    }
}
