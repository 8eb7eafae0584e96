using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class DetectTests
{
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu", new Label("instance", "a"));

    private static List<DetectorSignal> Run(VirtualSamples input, IDetector detector, double until, Action<Exception>? onError = null)
    {
        var signals = new List<DetectorSignal>();
        input.Samples.Detect(detector, input.Scheduler, TimeSpan.FromMinutes(1)).Subscribe(signals.Add, onError ?? (_ => { }));
        input.RunTo(until);
        return signals;
    }

    private static string[] Describe(IEnumerable<DetectorSignal> signals) =>
        [.. signals.Select(s => $"{(s.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds}:{s.Outcome}")];

    [Fact]
    public void Detect_Samples_SignalsAtSampleTimesAndGridTimesBetween()
    {
        var input = new VirtualSamples().Add(CpuA, 30, 95).Add(CpuA, 120, 50);
        var signals = Run(input, new ThresholdDetector(ThresholdCondition.Above(90)), 150);
        Assert.Equal(["30:Breached", "60:Breached", "120:Normal"], Describe(signals));
        Assert.All(signals, s => Assert.Same(CpuA, s.Series));
    }

    [Fact]
    public void Detect_NoSamples_EmitsNothing()
    {
        Assert.Empty(Run(new VirtualSamples(), new ThresholdDetector(ThresholdCondition.Above(90)), 600));
    }

    [Fact]
    public void Detect_SeriesGoneLongerThanStaleness_IsForgotten()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        var signals = Run(input, new ThresholdDetector(ThresholdCondition.Above(90)), 900);
        // Breached through 300 s (the 5-minute lookback); at 360 s it is past staleness and lookback: pruned, silent.
        Assert.Equal(["0:Breached", "60:Breached", "120:Breached", "180:Breached", "240:Breached", "300:Breached"], Describe(signals));
    }

    [Fact]
    public void Detect_GroupingDetector_EvaluatesGroupFromStart()
    {
        var selector = SeriesSelector.Parse("up{job=\"api\"}");
        var signals = Run(new VirtualSamples(), new AbsentDetector(selector, TimeSpan.FromMinutes(5)), 121);
        Assert.Equal(["0:Breached", "60:Breached", "120:Breached"], Describe(signals));
    }

    [Fact]
    public void Detect_DetectorThrows_EndsWithError()
    {
        Exception? error = null;
        var signals = Run(new VirtualSamples().Add(CpuA, 0, 1), new ThrowingDetector(), 60, e => error = e);
        Assert.Empty(signals);
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void Detect_Disposed_StopsGridEvaluations()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        var signals = new List<DetectorSignal>();
        var subscription = input.Samples.Detect(new ThresholdDetector(ThresholdCondition.Above(90)), input.Scheduler, TimeSpan.FromMinutes(1)).Subscribe(signals.Add);
        input.RunTo(30);
        subscription.Dispose();
        input.RunTo(300);
        Assert.Single(signals);
    }
}
