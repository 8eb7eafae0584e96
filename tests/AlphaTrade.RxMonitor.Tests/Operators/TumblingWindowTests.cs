using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using Microsoft.Reactive.Testing;
using static AlphaTrade.RxMonitor.Tests.Operators.WindowScript;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class TumblingWindowTests
{
    private static readonly SeriesKey Series = SeriesKey.Create("kernel_test");

    [Fact]
    public void Script_Kernel_ClosesOnALaterSampleOnTheClockAndAtTheEndIgnoringTheLateSample()
    {
        Assert.Equal(
            [
                new ClosedWindow(T0, T0.AddSeconds(10), 2, 3),
                new ClosedWindow(T0.AddSeconds(10), T0.AddSeconds(20), 2, 12),
                new ClosedWindow(T0.AddSeconds(30), T0.AddSeconds(40), 2, 48),
                new ClosedWindow(T0.AddSeconds(60), T0.AddSeconds(70), 1, 128),
            ],
            KernelCloses());
    }

    [Fact]
    public void Add_SampleBeforeTheOpenWindow_IsLateAndNotAdded()
    {
        var window = new TumblingWindow<Count>(Size, default);
        window.Add(T0.AddSeconds(15).UtcTicks, 1, default(Ignore));

        var added = window.Add(T0.AddSeconds(5).UtcTicks, 1, default(Ignore));

        Assert.Equal((false, 1L), (added, window.Figure.Samples));
    }

    [Fact]
    public void CloseEnded_ClockBeforeTheEnd_LeavesTheWindowOpen()
    {
        var window = new TumblingWindow<Count>(Size, default);
        window.Add(T0.AddSeconds(1).UtcTicks, 1, default(Ignore));

        var closed = window.CloseEnded(T0.AddSeconds(9).UtcTicks, default(Ignore));

        Assert.Equal((false, true, T0.AddSeconds(10).UtcTicks), (closed, window.IsOpen, window.EndTicks));
    }

    [Fact]
    public void Script_TumblingWindowsOperator_ClosesTheKernelsWindows()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(T0.UtcTicks);
        var samples = new Subject<MetricSample>();
        var closes = new List<ClosedWindow>();
        using var subscription = samples.TumblingWindows(Size, scheduler).Subscribe(w => closes.Add(new ClosedWindow(w.Start, w.End, w.Count, w.Sum)));

        foreach (var (seconds, value) in Steps)
        {
            var time = T0.AddSeconds(seconds);
            if (time.UtcTicks > scheduler.Clock)
            {
                scheduler.AdvanceTo(time.UtcTicks);
            }

            if (!double.IsNaN(value))
            {
                samples.OnNext(new MetricSample(Series, time, value));
            }
        }

        samples.OnCompleted();

        Assert.Equal(KernelCloses(), closes);
    }

    [Fact]
    public void Script_WindowDetectorEvaluator_ObservesTheKernelsWindows()
    {
        var detector = new WindowAggregateDetector(Size, WindowAggregation.Sum, ThresholdCondition.Above(1e12), staleness: TimeSpan.FromHours(1));
        var evaluator = detector.CreateEvaluator(Series);
        var observed = new List<double>();
        void Evaluate(DateTimeOffset time)
        {
            var result = evaluator.Evaluate(time.UtcTicks);
            if (result.Outcome != DetectorOutcome.NoData && (observed.Count == 0 || observed[^1] != result.Value))
            {
                observed.Add(result.Value);
            }
        }

        foreach (var (seconds, value) in Steps)
        {
            var time = T0.AddSeconds(seconds);
            if (!double.IsNaN(value))
            {
                evaluator.Add(time.UtcTicks, value);
            }

            Evaluate(time);
        }

        Evaluate(KernelCloses()[^1].End);

        Assert.Equal(KernelCloses().Select(w => w.Sum), observed);
    }

    private struct Count : IWindowFigure
    {
        long IWindowFigure.Count => Samples;

        public long Samples { get; private set; }

        public void Add(double value) => Samples++;

        public void Reset() => Samples = 0;
    }

    private readonly struct Ignore : ITumblingWindowObserver<Count>
    {
        public void OnClosed(long startTicks, long endTicks, ref Count figure)
        {
        }
    }
}
