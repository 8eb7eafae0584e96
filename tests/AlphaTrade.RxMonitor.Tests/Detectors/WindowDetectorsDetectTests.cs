using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class WindowDetectorsDetectTests
{
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_us", new Label("venue", "x"));

    [Fact]
    public void Detect_WindowAggregate_BreachesFromTheClosingOfTheHighWindow()
    {
        var input = new VirtualSamples().Every(Latency, 0, 15, 70, 70, 90, 90, 95, 95, 95, 95);
        var detector = new WindowAggregateDetector(TimeSpan.FromMinutes(1), WindowAggregation.Mean, ThresholdCondition.Above(80));

        var signals = Run(input, detector, 150);

        Assert.Equal(
            ["0:NoData", "15:NoData", "30:NoData", "45:NoData", "60:Normal", "75:Normal", "90:Normal", "105:Normal", "120:Breached"],
            Describe(signals));
        Assert.Equal(95, signals[^1].Value);
    }

    [Fact]
    public void Detect_PercentChange_BreachesWhenAWindowRisesOverTheLimit()
    {
        var input = new VirtualSamples().Every(Latency, 0, 30, 100, 100, 100, 100, 130, 130);
        var detector = new PercentChangeDetector(TimeSpan.FromMinutes(1), ThresholdCondition.Above(20));

        var signals = Run(input, detector, 181);

        Assert.Equal(["0:NoData", "30:NoData", "60:NoData", "90:NoData", "120:Normal", "150:Normal", "180:Breached"], Describe(signals));
        Assert.Equal(30, signals[^1].Value, 9);
    }

    private static List<DetectorSignal> Run(VirtualSamples input, IDetector detector, double until)
    {
        var signals = new List<DetectorSignal>();
        using var subscription = input.Samples.Detect(detector, input.Scheduler, TimeSpan.FromMinutes(1)).Subscribe(signals.Add);
        input.RunTo(until);
        return signals;
    }

    private static string[] Describe(IEnumerable<DetectorSignal> signals) =>
        [.. signals.Select(s => $"{(s.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds}:{s.Outcome}")];
}
