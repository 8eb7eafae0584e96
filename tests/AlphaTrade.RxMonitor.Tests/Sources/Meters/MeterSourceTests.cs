using System.Diagnostics.Metrics;
using AlphaTrade.RxMonitor.Sources.Meters;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Sources.Meters;

public sealed class MeterSourceTests : IDisposable
{
    private readonly Meter _meter = new("RxMonitor.Test." + Guid.NewGuid().ToString("N"));

    public void Dispose() => _meter.Dispose();

    private MeterSource Source(Action<MeterSourceOptions>? configure = null)
    {
        var options = new MeterSourceOptions();
        options.Meters.Add(_meter.Name);
        configure?.Invoke(options);
        return new MeterSource(options);
    }

    private static CollectingObserver Poll(MeterSource source)
    {
        var observer = new CollectingObserver();
        source.Poll(7, observer);
        return observer;
    }

    [Fact]
    public void Poll_Counter_ReportsCumulativeTotalPerTagSet()
    {
        var counter = _meter.CreateCounter<long>("orders.placed", unit: "{order}");
        using var source = Source();
        counter.Add(2, new KeyValuePair<string, object?>("venue", "xnas"));
        counter.Add(3, new KeyValuePair<string, object?>("venue", "xnas"));
        counter.Add(5, new KeyValuePair<string, object?>("venue", "xlon"));

        var observer = Poll(source);

        Assert.Equal(5, observer.Value("orders_placed_total", ("venue", "xnas")));
        Assert.Equal(5, observer.Value("orders_placed_total", ("venue", "xlon")));
    }

    [Fact]
    public void Poll_TagsInDifferentOrder_SameSeries()
    {
        var counter = _meter.CreateCounter<int>("fills");
        using var source = Source();
        counter.Add(1, new("a", "1"), new("b", 2));
        counter.Add(1, new("b", 2), new("a", "1"));

        var observer = Poll(source);

        Assert.Equal(2, Assert.Single(observer.Samples, s => s.Key.Name == "fills_total").Value);
    }

    [Fact]
    public void Poll_UpDownCounter_ReportsRunningSumWithoutTotalSuffix()
    {
        var queue = _meter.CreateUpDownCounter<int>("queue.length");
        using var source = Source();
        queue.Add(10);
        queue.Add(-4);

        Assert.Equal(6, Poll(source).Value("queue_length"));
    }

    [Fact]
    public void Poll_ObservableGaugeAndCounter_AreCollectedOnPoll()
    {
        var reads = 0;
        _meter.CreateObservableGauge("pool.usage", () => { reads++; return 0.75; }, unit: "1");
        _meter.CreateObservableCounter("bytes.sent", () => 4096L, unit: "By");
        using var source = Source();

        var observer = Poll(source);

        Assert.Equal(1, reads);
        Assert.Equal(0.75, observer.Value("pool_usage"));
        Assert.Equal(4096, observer.Value("bytes_sent_bytes_total"));
    }

    [Fact]
    public void Poll_Histogram_ReportsCountSumAndIntervalQuantiles()
    {
        var latency = _meter.CreateHistogram<double>("request.duration", unit: "s");
        using var source = Source();
        for (var i = 1; i <= 101; i++)
        {
            latency.Record(i / 1000.0);
        }

        var observer = Poll(source);

        Assert.Equal(101, observer.Value("request_duration_seconds_count"));
        Assert.Equal(5151 / 1000.0, observer.Value("request_duration_seconds_sum"), 9);
        // The quantiles come from a DDSketch: within 1 % of the value of rank ⌊q·(n − 1)⌋ (51, 96 and 100 ms).
        Assert.InRange(observer.Value("request_duration_seconds", ("quantile", "0.5")), 0.051 * 0.99, 0.051 * 1.01);
        Assert.InRange(observer.Value("request_duration_seconds", ("quantile", "0.95")), 0.096 * 0.99, 0.096 * 1.01);
        Assert.InRange(observer.Value("request_duration_seconds", ("quantile", "0.99")), 0.100 * 0.99, 0.100 * 1.01);
    }

    [Fact]
    public void Poll_HistogramWithoutNewValues_ReportsNoQuantiles()
    {
        var latency = _meter.CreateHistogram<double>("request.duration", unit: "s");
        using var source = Source();
        latency.Record(1);
        Poll(source);

        var observer = Poll(source);

        Assert.Equal(1, observer.Value("request_duration_seconds_count"));
        Assert.Null(observer.Find("request_duration_seconds", ("quantile", "0.5")));
    }

    [Fact]
    public void Poll_OtherMeter_IsNotBridged()
    {
        using var other = new Meter("RxMonitor.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<int>("other.count").Add(1);
        using var source = Source();
        other.CreateCounter<int>("other.late").Add(1);

        Assert.DoesNotContain(Poll(source).Samples, s => s.Key.Name.StartsWith("other_", StringComparison.Ordinal));
    }

    [Fact]
    public void Poll_TooManySeries_DropsAndCountsMeasurements()
    {
        var counter = _meter.CreateCounter<int>("per.user");
        using var source = Source(o => o.MaxSeriesPerInstrument = 2);
        for (var i = 0; i < 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", i));
        }

        var observer = Poll(source);

        Assert.Equal(2, observer.Samples.Count(s => s.Key.Name == "per_user_total"));
        Assert.Equal(3, observer.Value(MeterSource.DroppedMeasurementsMetric));
    }

    [Fact]
    public void Poll_MeterDisposed_StopsReportingItsSeries()
    {
        using var source = Source();
        _meter.CreateCounter<int>("gone").Add(1);
        Assert.NotNull(Poll(source).Find("gone_total"));

        _meter.Dispose();

        Assert.Null(Poll(source).Find("gone_total"));
    }

    [Fact]
    public void Poll_ObservableSeriesNoLongerReported_IsNoLongerWritten()
    {
        var venues = new List<string> { "xnas", "xlon" };
        _meter.CreateObservableGauge("book.depth", () => venues.Select(static v => new Measurement<int>(3, new KeyValuePair<string, object?>("venue", v))));
        using var source = Source();
        Poll(source);
        venues.Remove("xlon");

        var observer = Poll(source);

        Assert.Equal("xnas", Assert.Single(observer.Samples, static s => s.Key.Name == "book_depth").Key.Labels.Get("venue"));
    }

    [Fact]
    public void Poll_TwoInstrumentsWithTheSameSeriesName_WritesTheFirstByInstrumentName()
    {
        _meter.CreateObservableGauge("app_depth", static () => 2);
        _meter.CreateObservableGauge("app.depth", static () => 1);
        using var source = Source();

        var observer = Poll(source);

        Assert.Equal(1, Assert.Single(observer.Samples, static s => s.Key.Name == "app_depth").Value);
    }

    [Fact]
    public void Poll_AnObservableCallbackThrows_WritesTheOthersThenFails()
    {
        _meter.CreateObservableGauge<long>("app.broken", static long () => throw new InvalidOperationException("boom"));
        _meter.CreateObservableGauge("app.fine", static () => 7);
        using var source = Source();
        var observer = new CollectingObserver();

        var error = Assert.Throws<AggregateException>(() => source.Poll(7, observer));

        Assert.Equal("boom", Assert.Single(error.InnerExceptions).Message);
        Assert.Equal(7, observer.Value("app_fine"));
        Assert.DoesNotContain(observer.Samples, static s => s.Key.Name == "app_broken");
    }

    [Fact]
    public void Poll_SystemRuntimeMeter_BridgesGcThreadPoolLocksAndExceptions()
    {
        var options = new MeterSourceOptions();
        options.Meters.Add("System.Runtime");
        using var source = new MeterSource(options);
        GC.Collect();
        try
        {
            throw new InvalidOperationException("counted by dotnet.exceptions");
        }
        catch (InvalidOperationException)
        {
        }

        var names = Poll(source).Samples.Select(s => s.Key.Name).ToHashSet();

        Assert.Contains("dotnet_gc_collections_total", names);
        Assert.Contains("dotnet_gc_pause_time_seconds_total", names);
        Assert.Contains("dotnet_gc_last_collection_heap_size_bytes", names);
        // The runtime publishes the queue length as an ObservableCounter, hence the _total suffix.
        Assert.Contains("dotnet_thread_pool_queue_length_total", names);
        Assert.Contains("dotnet_monitor_lock_contentions_total", names);
        Assert.Contains("dotnet_exceptions_total", names);
    }
}
