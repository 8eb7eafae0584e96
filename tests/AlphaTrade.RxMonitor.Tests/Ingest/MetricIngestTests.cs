using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

public sealed class MetricIngestTests
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu", new Label("host", "a"));
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (MetricIngest Ingest, List<MetricSample> Received) NewIngest(
        int capacity = 1024, IngestFullMode mode = IngestFullMode.DropNewest, TestScheduler? scheduler = null, IFailureListener? listener = null)
    {
        scheduler ??= new TestScheduler();
        var ingest = new MetricIngest(
            new IngestOptions { CapacityPerWriter = capacity, FullMode = mode }, scheduler.AsTimeProvider(), listener);
        var received = new List<MetricSample>();
        ingest.Samples.Subscribe(received.Add);
        return (ingest, received);
    }

    [Fact]
    public void Drain_AfterRecords_DeliversThemInOrder()
    {
        var (ingest, received) = NewIngest();

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start.AddSeconds(1), 2);
        var delivered = ingest.Drain();

        Assert.Equal(2, delivered);
        Assert.Equal([new MetricSample(Cpu, Start, 1), new MetricSample(Cpu, Start.AddSeconds(1), 2)], received);
    }

    [Fact]
    public void Record_BeforeDrain_DeliversNothing()
    {
        var (ingest, received) = NewIngest();

        ingest.Record(Cpu, Start, 1);

        Assert.Empty(received);
        Assert.Equal(1, ingest.GetStatistics().QueueDepth);
    }

    [Fact]
    public void Record_WithoutTime_IsStampedWithThePipelineClock()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Start.AddMinutes(5).UtcTicks);
        var (ingest, received) = NewIngest(scheduler: scheduler);

        ingest.Record(Cpu, 42);
        ingest.Drain();

        Assert.Equal(Start.AddMinutes(5), Assert.Single(received).Timestamp);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Record_NonFiniteValue_IsRefusedAndCountedInvalid(double value)
    {
        var (ingest, received) = NewIngest();

        var accepted = ingest.Record(Cpu, Start, value);
        ingest.Drain();

        Assert.False(accepted);
        Assert.Empty(received);
        Assert.Equal(1, ingest.GetStatistics().Invalid);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public void Record_TimeOutsideTheDateRange_IsRefusedAndCountedInvalid(long ticks)
    {
        var (ingest, received) = NewIngest();

        var accepted = ingest.Record(Cpu, ticks, 1.0);
        ingest.Drain();

        Assert.False(accepted);
        Assert.Empty(received);
        Assert.Equal(1, ingest.GetStatistics().Invalid);
    }

    [Fact]
    public void Record_FullQueueDropNewest_DropsTheNewSampleAndCountsIt()
    {
        var (ingest, received) = NewIngest(capacity: 2);

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start, 2);
        var third = ingest.Record(Cpu, Start, 3);
        ingest.Drain();

        Assert.False(third);
        Assert.Equal([1.0, 2.0], received.Select(s => s.Value));
        Assert.Equal(1, ingest.GetStatistics().Dropped);
    }

    [Fact]
    public void Record_FullQueueDropOldest_EvictsTheOldestAndCountsIt()
    {
        var (ingest, received) = NewIngest(capacity: 2, mode: IngestFullMode.DropOldest);

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start, 2);
        var third = ingest.Record(Cpu, Start, 3);
        ingest.Drain();

        Assert.True(third);
        Assert.Equal([2.0, 3.0], received.Select(s => s.Value));
        Assert.Equal(1, ingest.GetStatistics().Dropped);
    }

    [Fact]
    public void Record_FullQueueReject_TellsTheCallerAndCountsRejected()
    {
        var (ingest, _) = NewIngest(capacity: 2, mode: IngestFullMode.Reject);

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start, 2);
        var third = ingest.Record(Cpu, Start, 3);

        Assert.False(third);
        var statistics = ingest.GetStatistics();
        Assert.Equal(1, statistics.Rejected);
        Assert.Equal(0, statistics.Dropped);
    }

    [Fact]
    public void Drain_WithMaxSamples_DeliversAtMostThatMany()
    {
        var (ingest, received) = NewIngest();
        for (var i = 0; i < 10; i++)
        {
            ingest.Record(Cpu, Start, i);
        }

        var delivered = ingest.Drain(maxSamples: 4);

        Assert.Equal(4, delivered);
        Assert.Equal(4, received.Count);
        Assert.Equal(6, ingest.GetStatistics().QueueDepth);
    }

    [Fact]
    public void Drain_SubscriberThrows_OtherSubscribersStillReceiveAndTheFailureIsReported()
    {
        var listener = new CollectingFailureListener();
        var (ingest, received) = NewIngest(listener: listener);
        ingest.Samples.Subscribe(_ => throw new InvalidOperationException("bad subscriber"));
        var later = new List<MetricSample>();
        ingest.Samples.Subscribe(later.Add);

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start, 2);
        ingest.Drain();

        Assert.Equal(2, received.Count);
        Assert.Equal(2, later.Count);
        Assert.Equal(2, listener.Failures.Count);
        Assert.All(listener.Failures, f => Assert.Equal(PipelineComponent.Ingest, f.Component));
    }

    [Fact]
    public void Samples_AfterDispose_StopsDeliveringToThatSubscriber()
    {
        var (ingest, _) = NewIngest();
        var received = new List<MetricSample>();
        var subscription = ingest.Samples.Subscribe(received.Add);

        subscription.Dispose();
        ingest.Record(Cpu, Start, 1);
        ingest.Drain();

        Assert.Empty(received);
    }

    [Fact]
    public void GetStatistics_CountsAcceptedAndDelivered()
    {
        var (ingest, _) = NewIngest();

        ingest.Record(Cpu, Start, 1);
        ingest.Record(Cpu, Start, 2);
        ingest.Record(Cpu, Start, 3);
        ingest.Drain(maxSamples: 2);

        var statistics = ingest.GetStatistics();
        Assert.Equal(3, statistics.Accepted);
        Assert.Equal(2, statistics.Delivered);
        Assert.Equal(1, statistics.QueueDepth);
        Assert.Equal(1, statistics.Writers);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new IngestOptions { CapacityPerWriter = 1, MaxBatch = 0 };

        var error = Assert.Throws<ConfigurationException>(() => new MetricIngest(options, TimeProvider.System));

        Assert.Contains("RxMonitor:Ingest:CapacityPerWriter", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Ingest:MaxBatch", error.Message, StringComparison.Ordinal);
    }
}
