using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>The ingest hands drained runs of samples to a rule set in one call; these pin down what that keeps.</summary>
public sealed class IngestBatchDeliveryTests
{
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu", new Label("host", "a"));
    private static readonly SeriesKey CpuB = SeriesKey.Create("cpu", new Label("host", "b"));
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Drain_QueueWrappedAround_DeliversInRecordOrder()
    {
        var ingest = new MetricIngest(new IngestOptions { CapacityPerWriter = 8 }, new TestScheduler().AsTimeProvider());
        var received = new List<double>();
        ingest.Samples.Subscribe(s => received.Add(s.Value));
        for (var i = 0; i < 6; i++)
        {
            ingest.Record(CpuA, Start.AddSeconds(i), i);
        }

        ingest.Drain();
        for (var i = 6; i < 12; i++)
        {
            ingest.Record(CpuA, Start.AddSeconds(i), i);
        }

        ingest.Drain();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), received);
    }

    [Fact]
    public void Drain_RuleSetThrowsMidBatch_IsReportedAndLaterSubscribersGetTheWholeBatch()
    {
        var scheduler = new TestScheduler();
        var listener = new CollectingFailureListener();
        var ingest = new MetricIngest(new IngestOptions(), scheduler.AsTimeProvider(), listener);
        var rule = new AlertRule("HighCpu", SeriesSelector.Parse("cpu"), new ThresholdDetector(ThresholdCondition.Above(90)));
        ingest.Samples.EvaluateRules([rule], scheduler).Subscribe(_ => throw new InvalidOperationException("bad alert subscriber"));
        var later = new List<MetricSample>();
        ingest.Samples.Subscribe(later.Add);

        ingest.Record(CpuA, Start, 95);
        ingest.Record(CpuB, Start, 95);
        ingest.Record(CpuA, Start.AddSeconds(1), 96);
        ingest.Drain();

        var failure = Assert.Single(listener.Failures);
        Assert.Equal(PipelineComponent.Ingest, failure.Component);
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal([95, 95, 96], later.Select(s => s.Value));
    }

    [Fact]
    public void Drain_RuleSetSubscribed_EvaluatesLikeSampleBySampleDelivery()
    {
        var rule = new AlertRule("Rising", SeriesSelector.Parse("cpu"), new PercentChangeDetector(TimeSpan.FromSeconds(10), ThresholdCondition.Above(20)));
        double[] values = [10, 10, 10, 30, 30, 30, 10, 10, 10, 40, 40, 40, 40];

        var batched = Run(rule, values, (ingest, observer) => ingest.Samples.Subscribe(observer));
        var oneByOne = Run(rule, values, (ingest, observer) => ingest.Samples.Subscribe(s => observer.OnNext(s)));

        Assert.NotEmpty(batched);
        Assert.Equal(oneByOne, batched);
    }

    private static List<(string Host, AlertState State, DateTimeOffset At)> Run(
        AlertRule rule, double[] values, Func<MetricIngest, IObserver<MetricSample>, IDisposable> connect)
    {
        var scheduler = new TestScheduler();
        var ingest = new MetricIngest(new IngestOptions(), scheduler.AsTimeProvider());
        var events = new List<(string, AlertState, DateTimeOffset)>();
        var upstream = new ForwardingSamples(ingest, connect);
        using var subscription = upstream.EvaluateRules([rule], scheduler).Subscribe(e => events.Add((e.Labels.Get("host")!, e.State, e.Timestamp)));
        for (var i = 0; i < values.Length; i++)
        {
            ingest.Record(CpuA, Start.AddSeconds(5 * i), values[i]);
            ingest.Record(CpuB, Start.AddSeconds(5 * i), values[^(i + 1)]);
        }

        ingest.Drain();
        return events;
    }

    /// <summary>Lets a test choose how the rule set's observer is attached to the ingest.</summary>
    private sealed class ForwardingSamples(MetricIngest ingest, Func<MetricIngest, IObserver<MetricSample>, IDisposable> connect) : IObservable<MetricSample>
    {
        public IDisposable Subscribe(IObserver<MetricSample> observer) => connect(ingest, observer);
    }
}
