using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The two hot-path rules as RxMonitor rules: a window-mean threshold and a window-over-window rise, fed from
/// the array by an <see cref="ArraySampleSource"/> or, to show what a <c>Subject</c> in front adds, a Subject.
/// </summary>
internal sealed class RxMonitorRules : IDisposable
{
    private readonly ArraySampleSource _source = new();
    private readonly Subject<MetricSample>? _subject;
    private readonly IDisposable _subscription;

    public RxMonitorRules(IScheduler scheduler, bool viaSubject = false)
    {
        _subject = viaSubject ? new Subject<MetricSample>() : null;
        _subscription = Pipeline(_subject ?? (IObservable<MetricSample>)_source, scheduler).Subscribe(_ => Transitions++);
    }

    public long Transitions { get; private set; }

    /// <summary>The rule pipeline over any sample stream (the array, or the ingest's stream).</summary>
    public static IObservable<AlertEvent> Pipeline(IObservable<MetricSample> samples, IScheduler scheduler) =>
        samples.EvaluateRules(CreateRules(), scheduler);

    public static AlertRule[] CreateRules()
    {
        var latency = SeriesSelector.Parse("order_latency_us");
        return
        [
            new AlertRule(
                "HighMeanLatency",
                latency,
                new WindowAggregateDetector(HotPathWorkload.Window, WindowAggregation.Mean, ThresholdCondition.Above(HotPathWorkload.MeanThreshold)))
            {
                Severity = Severity.Warning,
            },
            new AlertRule(
                "LatencyRising",
                latency,
                new PercentChangeDetector(HotPathWorkload.Window, ThresholdCondition.Above(HotPathWorkload.RiseFraction * 100)))
            {
                Severity = Severity.Warning,
            },
        ];
    }

    public void Run(MetricSample[] samples)
    {
        if (_subject is null)
        {
            _source.Push(samples);
            return;
        }

        foreach (var sample in samples)
        {
            _subject.OnNext(sample);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _subject?.Dispose();
    }
}
