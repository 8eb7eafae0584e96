using AlphaTrade.RxMonitor.Cli.Replay;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Tests.Replay;

public sealed class ReplayRunnerTests
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu");
    private static readonly RuleEvaluationOptions EveryMinute = new() { EvaluationInterval = TimeSpan.FromMinutes(1) };

    private static MetricSample At(int minute, double value) => new(Cpu, DateTimeOffset.UnixEpoch.AddMinutes(minute), value);

    private static AlertRule High(string name = "High") =>
        new(name, SeriesSelector.Parse("cpu"), new ThresholdDetector(ThresholdCondition.Above(90)));

    [Fact]
    public void Run_NoSamples_RaisesNothing()
    {
        var (events, _) = ReplayRunner.Run([High()], EveryMinute, [], DateTimeOffset.UnixEpoch.AddHours(1), new Failures());

        Assert.Empty(events);
    }

    [Fact]
    public void Run_Until_IncludesEventsStampedAtItAndNoneAfter()
    {
        MetricSample[] samples = [At(0, 95)];

        var (atFive, _) = ReplayRunner.Run([High()], EveryMinute, samples, DateTimeOffset.UnixEpoch.AddMinutes(6), new Failures());
        var (beforeSix, _) = ReplayRunner.Run([High()], EveryMinute, samples, DateTimeOffset.UnixEpoch.AddMinutes(5).AddSeconds(59), new Failures());

        // The sample is visible for 5 minutes (inclusive); the alert resolves at the first evaluation after that.
        Assert.Equal([(AlertState.Firing, 0), (AlertState.Resolved, 6)], atFive.Select(static e => (e.State, (int)(e.Timestamp - DateTimeOffset.UnixEpoch).TotalMinutes)));
        Assert.Equal([AlertState.Firing], beforeSix.Select(static e => e.State));
    }

    [Fact]
    public void Run_SamplesAfterUntil_AreNotDelivered()
    {
        var (events, _) = ReplayRunner.Run([High()], EveryMinute, [At(0, 50), At(2, 95)], DateTimeOffset.UnixEpoch.AddMinutes(1), new Failures());

        Assert.Empty(events);
    }

    [Fact]
    public void Run_InvalidValues_AreCountedAndDropped()
    {
        var (events, dropped) = ReplayRunner.Run([High()], EveryMinute, [At(0, 50), At(1, double.NaN), At(2, double.PositiveInfinity)], DateTimeOffset.UnixEpoch.AddMinutes(2), new Failures());

        Assert.Empty(events);
        Assert.Equal(2, dropped.NonFinite);
    }

    [Fact]
    public void Run_DetectorThrows_FaultsOnlyItsRuleAndReportsIt()
    {
        var failures = new Failures();
        var broken = new AlertRule("Broken", SeriesSelector.Parse("cpu"), new ThrowingDetector());

        var (events, _) = ReplayRunner.Run([broken, High()], EveryMinute, [At(0, 50), At(1, 95)], DateTimeOffset.UnixEpoch.AddMinutes(1), failures);

        Assert.Contains(events, static e => e.RuleName == "Broken" && e.Kind == AlertEventKind.RuleFault);
        Assert.Contains(events, static e => e.RuleName == "High" && e.State == AlertState.Firing);
        Assert.Equal("Broken", Assert.Single(failures.Reported).Name);
    }

    private sealed class Failures : IFailureListener
    {
        public List<PipelineFailure> Reported { get; } = [];

        public void OnFailure(PipelineFailure failure) => Reported.Add(failure);
    }

    private sealed class ThrowingDetector : IDetector
    {
        public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator();

        private sealed class Evaluator : ISeriesEvaluator
        {
            public void Add(long timestampTicks, double value)
            {
            }

            public DetectorResult Evaluate(long timestampTicks) => throw new InvalidOperationException("detector bug");
        }
    }
}
