using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

/// <summary>
/// Rules skip evaluations that a change-tracking evaluator says cannot change its result; these tests show the
/// alert events are exactly those of evaluating every sample, including pending/for, keepFiringFor and gaps.
/// </summary>
public sealed class SkippedEvaluationTests
{
    private static readonly SeriesKey[] Keys =
        [.. Enumerable.Range(0, 3).Select(i => SeriesKey.Create("skip_test", new Label("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EvaluateRules_WindowDetectors_SameEventsAsEvaluatingEverySample(int seed)
    {
        IDetector[] detectors =
        [
            new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60, Severity.Error, recovery: 50)),
            new PercentChangeDetector(TimeSpan.FromSeconds(2), ThresholdCondition.Above(20), staleness: TimeSpan.FromSeconds(30)),

            // Staleness shorter than the window: a closed result goes stale while the next window is still open.
            new WindowAggregateDetector(TimeSpan.FromSeconds(20), WindowAggregation.Max, ThresholdCondition.Above(75), staleness: TimeSpan.FromSeconds(5)),
            new PercentChangeDetector(TimeSpan.FromSeconds(20), ThresholdCondition.Above(1), staleness: TimeSpan.FromSeconds(5)),
            new WindowAggregateDetector(TimeSpan.FromSeconds(3), WindowAggregation.Quantile, ThresholdCondition.Above(70), quantile: 0.9),
            new WindowAggregateDetector(TimeSpan.FromSeconds(3), WindowAggregation.StdDev, ThresholdCondition.Above(11)),
        ];

        foreach (var detector in detectors)
        {
            var skipping = Run(seed, detector);
            var everySample = Run(seed, new HidesChangeTracking(detector));

            Assert.NotEmpty(everySample);
            Assert.Equal(everySample, skipping);
        }
    }

    private static List<string> Run(int seed, IDetector detector)
    {
        var input = new VirtualSamples();
        var random = new Random(seed);
        for (var i = 0; i < 3000; i++)
        {
            var seconds = i * 0.1;
            // Gaps of 40 s now and then make windows go stale and come back.
            if ((int)(seconds / 60) % 4 == 3 && seconds % 60 < 40)
            {
                continue;
            }

            var key = Keys[i % Keys.Length];
            input.Add(key, seconds, 40 + (random.NextDouble() * 40));
        }

        var rule = new AlertRule("Skip", SeriesSelector.Parse("skip_test"), detector)
        {
            For = TimeSpan.FromSeconds(4),
            KeepFiringFor = TimeSpan.FromSeconds(3),
            EvaluationInterval = TimeSpan.FromSeconds(1),
        };
        var events = new List<string>();
        using var subscription = input.Samples.EvaluateRule(rule, input.Scheduler)
            .Subscribe(e => events.Add($"{e.Timestamp:O} {e.Labels} {e.State} {e.Severity} {e.Value}"));
        input.Scheduler.AdvanceTo(VirtualSamples.At(400));
        return events;
    }

    /// <summary>The same detector, but its evaluators do not offer change tracking: every sample is evaluated.</summary>
    private sealed class HidesChangeTracking(IDetector inner) : IDetector, IWindowedDetector
    {
        public TimeSpan Lookback => (inner as IWindowedDetector)?.Lookback ?? TimeSpan.Zero;

        public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Plain(inner.CreateEvaluator(series));

        private sealed class Plain(ISeriesEvaluator evaluator) : ISeriesEvaluator
        {
            public void Add(long timestampTicks, double value) => evaluator.Add(timestampTicks, value);

            public DetectorResult Evaluate(long timestampTicks) => evaluator.Evaluate(timestampTicks);
        }
    }
}
