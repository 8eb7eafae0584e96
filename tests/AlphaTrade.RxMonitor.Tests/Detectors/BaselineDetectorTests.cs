using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class BaselineDetectorTests
{
    private const double HourSeconds = 3600;
    private const double WeekSeconds = 7 * 24 * HourSeconds;
    private static readonly SeriesKey Orders = SeriesKey.Create("orders_per_second", new Label("venue", "x"));

    // A daily cycle; week w adds w, so each hour of the week has weeks {0, 1}: mean +0.5, stddev √0.5 ≈ 0.707.
    private static double Pattern(double seconds) =>
        100 + (50 * Math.Sin(2 * Math.PI * (seconds % 86400) / 86400)) + Math.Floor(seconds / WeekSeconds);

    /// <summary>Feeds two weeks of one sample per hour (at half past) and returns the evaluator.</summary>
    private static ISeriesEvaluator TwoWeeks(BaselineDetector detector)
    {
        var evaluator = detector.CreateEvaluator(Orders);
        for (var hour = 0; hour < 2 * 168; hour++)
        {
            var seconds = (hour * HourSeconds) + 1800;
            evaluator.Add(VirtualSamples.At(seconds), Pattern(seconds));
        }

        return evaluator;
    }

    [Fact]
    public void Evaluate_ValueInsideTheBand_NormalWithZScoreAndValueAsDetail()
    {
        var evaluator = TwoWeeks(new BaselineDetector(3));
        var at = (2 * WeekSeconds) + (5 * HourSeconds) + 1800;
        var value = Pattern(at - (2 * WeekSeconds)) + 1.5;

        evaluator.Add(VirtualSamples.At(at), value);
        var result = evaluator.Evaluate(VirtualSamples.At(at));

        Assert.Equal(DetectorOutcome.Normal, result.Outcome);
        Assert.Equal(1 / Math.Sqrt(0.5), result.Value, 9);
        Assert.Equal(value, result.Detail);
    }

    [Fact]
    public void Evaluate_ValueOutsideTheBand_BreachedAtTheDetectorsSeverity()
    {
        var evaluator = TwoWeeks(new BaselineDetector(3, severity: Severity.Critical));
        var at = (2 * WeekSeconds) + (5 * HourSeconds) + 1800;

        evaluator.Add(VirtualSamples.At(at), Pattern(at - (2 * WeekSeconds)) - 10);
        var result = evaluator.Evaluate(VirtualSamples.At(at));

        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Equal(-10.5 / Math.Sqrt(0.5), result.Value, 9);
    }

    [Fact]
    public void Evaluate_NormalHourValueThatWouldBeAnomalousAtAnotherHour_IsNormal()
    {
        // The daily peak (150 at 06:00) is normal at 06:00 even though it is 50 above the day's mean.
        var evaluator = TwoWeeks(new BaselineDetector(3));
        var at = (2 * WeekSeconds) + (6 * HourSeconds) + 1800;

        evaluator.Add(VirtualSamples.At(at), Pattern(at - (2 * WeekSeconds)) + 0.5);

        Assert.Equal(DetectorOutcome.Normal, evaluator.Evaluate(VirtualSamples.At(at)).Outcome);
    }

    [Fact]
    public void Evaluate_FewerWeeksThanMinimum_NoData()
    {
        var evaluator = TwoWeeks(new BaselineDetector(3, minWeeks: 3));
        var at = (2 * WeekSeconds) + 1800;

        evaluator.Add(VirtualSamples.At(at), 1000);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(VirtualSamples.At(at)).Outcome);
    }

    [Fact]
    public void Evaluate_NoSampleWithinLookback_NoData()
    {
        var evaluator = TwoWeeks(new BaselineDetector(3, lookback: TimeSpan.FromMinutes(5)));
        var at = (2 * WeekSeconds) + 1800;
        evaluator.Add(VirtualSamples.At(at), 1000);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(VirtualSamples.At(at + 301)).Outcome);
    }

    [Fact]
    public void Evaluate_SamplesOfTheCurrentHour_DoNotWidenItsOwnBand()
    {
        var evaluator = TwoWeeks(new BaselineDetector(3));
        var at = (2 * WeekSeconds) + 1800;
        for (var i = 0; i < 20; i++)
        {
            evaluator.Add(VirtualSamples.At(at + i), 1000);
        }

        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(VirtualSamples.At(at + 20)).Outcome);
    }

    [Fact]
    public void CreateEvaluator_SeededProfile_BreachesWithoutStreamedHistory()
    {
        var hours = Enumerable.Range(0, HourOfWeek.Count).Select(h => new HourOfWeekStatistics(h, 4, 50, 2)).ToArray();
        var detector = new BaselineDetector(3, seed: new Dictionary<SeriesKey, SeasonalBaseline> { [Orders] = new(Orders, hours) });
        var evaluator = detector.CreateEvaluator(Orders);

        evaluator.Add(VirtualSamples.At(0), 57);
        var result = evaluator.Evaluate(VirtualSamples.At(0));

        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(3.5, result.Value, 12);
    }

    [Fact]
    public void CreateEvaluator_SeedOfAnotherSeries_StartsEmpty()
    {
        var other = SeriesKey.Create("other");
        var hours = Enumerable.Range(0, HourOfWeek.Count).Select(h => new HourOfWeekStatistics(h, 4, 50, 2)).ToArray();
        var evaluator = new BaselineDetector(3, seed: new Dictionary<SeriesKey, SeasonalBaseline> { [other] = new(other, hours) }).CreateEvaluator(Orders);

        evaluator.Add(VirtualSamples.At(0), 57);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(VirtualSamples.At(0)).Outcome);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(-1, 2)]
    [InlineData(double.NaN, 2)]
    [InlineData(double.PositiveInfinity, 2)]
    [InlineData(3, 1)]
    public void Constructor_InvalidArguments_Throw(double deviations, int minWeeks) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaselineDetector(deviations, minWeeks));

    [Fact]
    public void EvaluateRule_BaselineRuleFromJson_FiresWhenTheSeriesLeavesItsBand()
    {
        var rule = Assert.Single(RuleFile.Parse("""
            {"rules": [{"name": "OrdersOffBaseline", "series": "orders_per_second", "severity": "error",
                        "evaluationInterval": "1h", "baseline": {"deviations": 3, "minWeeks": 2}}]}
            """, "rules.json").ToAlertRules());
        var input = new VirtualSamples();
        for (var hour = 0; hour < 2 * 168; hour++)
        {
            var seconds = (hour * HourSeconds) + 1800;
            input.Add(Orders, seconds, Pattern(seconds));
        }

        var spikeAt = (2 * WeekSeconds) + (3 * HourSeconds) + 1800;
        input.Add(Orders, spikeAt - HourSeconds, Pattern(spikeAt - HourSeconds - (2 * WeekSeconds)) + 0.5);
        input.Add(Orders, spikeAt, Pattern(spikeAt - (2 * WeekSeconds)) + 20);
        input.Add(Orders, spikeAt + 60, Pattern(spikeAt - (2 * WeekSeconds)) + 0.5);
        var events = new List<AlertEvent>();
        using var subscription = input.Samples.EvaluateRule(rule, input.Scheduler).Subscribe(events.Add);

        input.RunTo(spikeAt + 120);

        Assert.Equal(
            [(spikeAt, AlertState.Firing), (spikeAt + 60, AlertState.Resolved)],
            events.Select(e => ((e.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds, e.State)));
        Assert.Equal(Severity.Error, events[0].Severity);
        Assert.Equal(19.5 / Math.Sqrt(0.5), events[0].Value, 9);
    }
}
