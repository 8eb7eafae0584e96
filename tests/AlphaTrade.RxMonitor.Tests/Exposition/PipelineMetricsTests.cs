using System.Diagnostics.Metrics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Exposition;

public sealed class PipelineMetricsTests
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu", new Label("host", "a"));

    [Fact]
    public void Meter_Created_IsNamedAlphaTradeRxMonitor()
    {
        using var metrics = new PipelineMetrics();

        Assert.Equal("AlphaTrade.RxMonitor", metrics.Meter.Name);
    }

    [Fact]
    public void Instruments_Published_HaveDottedLowerCaseNamesAndUnits()
    {
        using var metrics = new PipelineMetrics();
        using var listener = new Listener(metrics.Meter);

        Assert.Contains(("rxmonitor.ingest.samples.accepted", "{sample}"), listener.Published);
        Assert.Contains(("rxmonitor.ingest.handoff.lag", "s"), listener.Published);
        Assert.Contains(("rxmonitor.rules.faulted", "{fault}"), listener.Published);
        Assert.All(listener.Published, p => Assert.Matches("^rxmonitor(\\.[a-z]+)+$", p.Name));
        Assert.All(listener.Published, p => Assert.False(string.IsNullOrEmpty(p.Unit)));
    }

    [Fact]
    public void Register_RealIngest_ListenerSeesItsCounters()
    {
        var ingest = new MetricIngest(new IngestOptions { CapacityPerWriter = 2 }, new TestScheduler().AsTimeProvider());
        using var metrics = new PipelineMetrics();
        using var registration = metrics.Register(ingest.GetStatistics);
        using var listener = new Listener(metrics.Meter);
        ingest.Record(Cpu, 1, 1.0);
        ingest.Record(Cpu, 2, 2.0);
        ingest.Record(Cpu, 3, 3.0);
        ingest.Record(Cpu, 4, double.NaN);
        ingest.Drain(1);

        listener.Collect();

        Assert.Equal(2, listener.Last["rxmonitor.ingest.samples.accepted"]);
        Assert.Equal(1, listener.Last["rxmonitor.ingest.samples.dropped"]);
        Assert.Equal(1, listener.Last["rxmonitor.ingest.samples.invalid"]);
        Assert.Equal(1, listener.Last["rxmonitor.ingest.samples.delivered"]);
        Assert.Equal(1, listener.Last["rxmonitor.ingest.queue.depth"]);
    }

    [Fact]
    public void Register_Disposed_StopsContributing()
    {
        using var metrics = new PipelineMetrics();
        var registration = metrics.Register(() => new IngestStatistics(5, 5, 0, 0, 0, 0, 0, 1, TimeSpan.Zero));
        using var listener = new Listener(metrics.Meter);

        registration.Dispose();
        listener.Collect();

        Assert.Equal(0, listener.Last["rxmonitor.ingest.samples.accepted"]);
    }

    [Fact]
    public void Register_CallbackThrows_OtherRegistrationsStillReported()
    {
        using var metrics = new PipelineMetrics();
        using var failing = metrics.Register(() => throw new InvalidOperationException("boom"));
        using var working = metrics.Register(() => new IngestStatistics(7, 0, 0, 0, 0, 0, 0, 1, TimeSpan.FromMilliseconds(250)));
        using var listener = new Listener(metrics.Meter);

        listener.Collect();

        Assert.Equal(7, listener.Last["rxmonitor.ingest.samples.accepted"]);
        Assert.Equal(0.25, listener.Last["rxmonitor.ingest.handoff.lag"]);
    }

    [Fact]
    public void Register_ConsumerParks_PublishedAsTheParksCounter()
    {
        using var metrics = new PipelineMetrics();
        using var registration = metrics.Register(() => new IngestStatistics(0, 0, 0, 0, 0, 0, 0, 1, TimeSpan.Zero) { ConsumerParks = 12 });
        using var listener = new Listener(metrics.Meter);

        listener.Collect();

        Assert.Equal(12, listener.Last["rxmonitor.ingest.consumer.parks"]);
    }

    [Fact]
    public void RegisterActiveAlerts_TwoSources_ReportsTheSum()
    {
        using var metrics = new PipelineMetrics();
        using var a = metrics.RegisterActiveAlerts(() => 2);
        using var b = metrics.RegisterActiveAlerts(() => 3);
        using var listener = new Listener(metrics.Meter);

        listener.Collect();

        Assert.Equal(5, listener.Last["rxmonitor.alerts.active"]);
    }

    [Fact]
    public void RuleFaulted_Twice_CountsTwoWithRuleTag()
    {
        using var metrics = new PipelineMetrics();
        using var listener = new Listener(metrics.Meter);

        metrics.RuleFaulted("high_cpu");
        metrics.RuleFaulted("high_cpu");
        listener.Collect();

        Assert.Equal(2, listener.Last["rxmonitor.rules.faulted|rule=high_cpu"]);
    }

    [Fact]
    public void RuleFaulted_BeforeTheListenerAttached_ListenerSeesTheTotal()
    {
        using var metrics = new PipelineMetrics();
        metrics.RuleFaulted("high_cpu");

        using var listener = new Listener(metrics.Meter);
        listener.Collect();

        Assert.Equal(1, listener.Last["rxmonitor.rules.faulted|rule=high_cpu"]);
    }

    [Fact]
    public void DeclareRule_NoFaultYet_PublishesZero()
    {
        using var metrics = new PipelineMetrics();
        using var listener = new Listener(metrics.Meter);

        metrics.DeclareRule("disk_full");
        listener.Collect();

        Assert.Equal(0, listener.Last["rxmonitor.rules.faulted|rule=disk_full"]);
    }

    [Fact]
    public void SinkDropped_Count_AddsCountWithSinkTag()
    {
        using var metrics = new PipelineMetrics();
        using var listener = new Listener(metrics.Meter);

        metrics.DeclareSink("webhook");
        metrics.SinkDropped("webhook", 3);
        metrics.SinkDropped("webhook");
        listener.Collect();

        Assert.Equal(4, listener.Last["rxmonitor.sinks.dropped|sink=webhook"]);
    }

    [Fact]
    public void SinkDropped_ZeroCount_Throws()
    {
        using var metrics = new PipelineMetrics();

        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.SinkDropped("webhook", 0));
    }

    /// <summary>A plain MeterListener scoped to one meter instance, as OpenTelemetry or dotnet-counters would attach.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public Listener(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    Published.Add((instrument.Name, instrument.Unit));
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
            _listener.Start();
        }

        public List<(string Name, string? Unit)> Published { get; } = [];

        public Dictionary<string, double> Last { get; } = [];

        public void Collect() => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();

        private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            Last[key] = value;
        }
    }
}
