using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Ingest;

/// <summary>The ingest's live series: capped by MaxSeries with counted rejections, idle ones evicted.</summary>
public sealed class MetricIngestSeriesTests
{
    private static readonly SeriesKey First = SeriesKey.Create("conn_bytes", new Label("conn", "1"));
    private static readonly SeriesKey Second = SeriesKey.Create("conn_bytes", new Label("conn", "2"));
    private static readonly SeriesKey Third = SeriesKey.Create("conn_bytes", new Label("conn", "3"));

    [Fact]
    public void Drain_NewSeriesBeyondMaxSeries_IsRejectedAndCounted()
    {
        var ingest = new MetricIngest(new IngestOptions { MaxSeries = 2 }, new TestScheduler().AsTimeProvider());
        var received = new List<SeriesKey>();
        ingest.Samples.Subscribe(s => received.Add(s.Key));

        ingest.Record(First, 1, 1.0);
        ingest.Record(Second, 1, 1.0);
        ingest.Record(Third, 1, 1.0);
        ingest.Record(First, 2, 2.0);
        ingest.Drain();

        Assert.Equal([First, Second, First], received);
        var statistics = ingest.GetStatistics();
        Assert.Equal(2, statistics.Series);
        Assert.Equal(1, statistics.SeriesRejected);
        Assert.Equal(statistics.Accepted, statistics.Delivered + statistics.Late + statistics.SeriesRejected);
    }

    [Fact]
    public void Drain_SeriesIdleLongerThanItsIdlePeriod_IsEvictedAndItsPlaceGoesToANewSeries()
    {
        var scheduler = new TestScheduler();
        var ingest = new MetricIngest(new IngestOptions { MaxSeries = 1, SeriesIdleAfter = TimeSpan.FromMinutes(1) }, scheduler.AsTimeProvider());
        var received = new List<SeriesKey>();
        ingest.Samples.Subscribe(s => received.Add(s.Key));
        ingest.Record(First, 1.0);
        ingest.Drain();

        scheduler.AdvanceBy(TimeSpan.FromMinutes(2).Ticks);
        ingest.Record(Second, 1.0);
        ingest.Drain();

        Assert.Equal([First, Second], received);
        var statistics = ingest.GetStatistics();
        Assert.Equal(1, statistics.SeriesEvicted);
        Assert.Equal(0, statistics.SeriesRejected);
        Assert.Equal(1, statistics.Series);
    }

    [Fact]
    public void Drain_SeriesWithinItsIdlePeriod_KeepsItsPlace()
    {
        var scheduler = new TestScheduler();
        var ingest = new MetricIngest(new IngestOptions { MaxSeries = 1, SeriesIdleAfter = TimeSpan.FromMinutes(10) }, scheduler.AsTimeProvider());
        ingest.Record(First, 1.0);
        ingest.Drain();

        scheduler.AdvanceBy(TimeSpan.FromMinutes(2).Ticks);
        ingest.Record(Second, 1.0);
        ingest.Drain();

        var statistics = ingest.GetStatistics();
        Assert.Equal(0, statistics.SeriesEvicted);
        Assert.Equal(1, statistics.SeriesRejected);
    }

    [Fact]
    public void Constructor_InvalidSeriesOptions_NamesEachOption()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new MetricIngest(new IngestOptions { MaxSeries = 0, SeriesIdleAfter = TimeSpan.Zero }, TimeProvider.System));

        Assert.Contains("RxMonitor:Ingest:MaxSeries: must be at least 1, was 0.", error.Message, StringComparison.Ordinal);
        Assert.Contains("RxMonitor:Ingest:SeriesIdleAfter: must be at least 1 second, was 00:00:00.", error.Message, StringComparison.Ordinal);
    }
}
