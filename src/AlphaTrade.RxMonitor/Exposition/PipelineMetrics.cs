using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Ingest;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>
/// The pipeline's own metrics, published through <see cref="System.Diagnostics.Metrics"/> on one
/// <see cref="Meter"/> named <see cref="MeterName"/>, so OpenTelemetry, <c>dotnet-counters</c> and the
/// Prometheus exposition all see the same figures.
/// </summary>
/// <remarks>
/// <para>
/// Every instrument is created once, in the constructor, and every one is observable, so a listener that
/// attaches late (a scrape, <c>dotnet-counters</c>) still sees totals since start. State the components already
/// keep (the ingest counters, the number of active alerts) is read through callbacks the components register
/// (<see cref="Register(Func{IngestStatistics})"/>, <see cref="RegisterActiveAlerts"/>); the registration's
/// <see cref="IDisposable"/> removes the callback. Events the components do not count themselves (a rule
/// faulting, a sink dropping a notification) are counted here, per rule or sink (<see cref="RuleFaulted"/>,
/// <see cref="SinkDropped"/>); <see cref="DeclareRule"/> and <see cref="DeclareSink"/> publish a 0 before the
/// first event, so that Prometheus's <c>rate</c> and <c>increase</c> see the first one.
/// </para>
/// <para>
/// Thread-safe: registrations and counter additions may come from any thread. A callback that throws is
/// skipped for that collection (the others are still reported), so a failing component cannot break a
/// metrics listener. Several registrations of the same kind are summed.
/// </para>
/// </remarks>
public sealed class PipelineMetrics : IDisposable
{
    /// <summary>The name of the meter: <c>AlphaTrade.RxMonitor</c>.</summary>
    public const string MeterName = "AlphaTrade.RxMonitor";

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _ruleFaults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _sinkDrops = new(StringComparer.Ordinal);
    private readonly bool _ownsMeter;
    private Func<IngestStatistics>[] _ingests = [];
    private Func<int>[] _activeAlerts = [];
    private Func<StoreWriteFigures>[] _stores = [];

    /// <summary>Creates the meter and its instruments.</summary>
    /// <param name="meterFactory">
    /// The factory that owns the meter (from dependency injection, so listeners are scoped to the container);
    /// <see langword="null"/> creates a meter owned by this instance.
    /// </param>
    public PipelineMetrics(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(MeterName) { Version = typeof(PipelineMetrics).Assembly.GetName().Version?.ToString() };
        _ownsMeter = meterFactory is null;
        Meter = meterFactory is null ? new Meter(options) : meterFactory.Create(options);

        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.accepted", () => SumIngest(static s => s.Accepted), "{sample}",
            "Samples queued by the ingest hand-off since start.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.delivered", () => SumIngest(static s => s.Delivered), "{sample}",
            "Samples handed from the ingest queues to the pipeline since start.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.dropped", () => SumIngest(static s => s.Dropped), "{sample}",
            "Samples lost to full ingest queues since start (newest dropped or oldest evicted).");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.rejected", () => SumIngest(static s => s.Rejected), "{sample}",
            "Samples refused by full ingest queues in reject mode since start.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.invalid", () => SumIngest(static s => s.Invalid), "{sample}",
            "Samples refused because their value was NaN or infinite since start.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.samples.late", () => SumIngest(static s => s.Late), "{sample}",
            "Samples dropped since start because they were older than their series' newest delivered sample.");
        Meter.CreateObservableUpDownCounter(
            "rxmonitor.ingest.series", () => SumIngest(static s => s.Series), "{series}",
            "Live series: seen by the ingest and not evicted for being idle.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.series.rejected", () => SumIngest(static s => s.SeriesRejected), "{sample}",
            "Samples of new series dropped since start because the live series were at MaxSeries.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.series.evicted", () => SumIngest(static s => s.SeriesEvicted), "{series}",
            "Series evicted since start for being idle longer than SeriesIdleAfter.");
        Meter.CreateObservableUpDownCounter(
            "rxmonitor.ingest.queue.depth", () => SumIngest(static s => s.QueueDepth), "{sample}",
            "Samples queued in the ingest hand-off and not yet delivered.");
        Meter.CreateObservableUpDownCounter(
            "rxmonitor.ingest.writers", () => SumIngest(static s => s.Writers), "{thread}",
            "Writer threads with an ingest queue.");
        Meter.CreateObservableCounter(
            "rxmonitor.ingest.consumer.parks", () => SumIngest(static s => s.ConsumerParks), "{park}",
            "Times the ingest consumer thread parked on empty queues since start (each ends in a wake-up the next sample waits for).");
        Meter.CreateObservableGauge(
            "rxmonitor.ingest.handoff.lag", ObserveLag, "s",
            "How far the ingest consumer ran behind the samples of its last batch.");
        Meter.CreateObservableUpDownCounter(
            "rxmonitor.alerts.active", ObserveActiveAlerts, "{alert}",
            "Alerts currently pending or firing.");
        Meter.CreateObservableCounter(
            "rxmonitor.rules.faulted", () => Observe(_ruleFaults, "rule"), "{fault}",
            "Rule evaluations that threw and faulted their rule since start, by rule.");
        Meter.CreateObservableCounter(
            "rxmonitor.sinks.dropped", () => Observe(_sinkDrops, "sink"), "{notification}",
            "Notifications a sink lost to its full queue or its failure since start, by sink.");
        Meter.CreateObservableCounter(
            "rxmonitor.store.writes.committed", () => ObserveStores(static f => f.Committed), "{write}",
            "Writes the store committed since start, by store.");
        Meter.CreateObservableCounter(
            "rxmonitor.store.writes.failed", () => ObserveStores(static f => f.Failed), "{write}",
            "Writes the store lost because their batch failed (full disk, read-only or unusable file) since start, by store.");
        Meter.CreateObservableCounter(
            "rxmonitor.store.writes.dropped", () => ObserveStores(static f => f.QueueFull), "{write}",
            "Writes the store dropped because its write queue was full since start, by store.");
        Meter.CreateObservableGauge(
            "rxmonitor.store.up", () => ObserveStores(static f => f.Healthy ? 1 : 0), "1",
            "1 while the store writes, 0 while it cannot (its health says why), by store.");
    }

    /// <summary>The meter that holds every instrument.</summary>
    public Meter Meter { get; }

    /// <summary>Publishes an ingest's counters through the <c>rxmonitor.ingest.*</c> instruments.</summary>
    /// <param name="statistics">Returns a snapshot, e.g. <see cref="MetricIngest.GetStatistics"/>; called on the listener's thread.</param>
    /// <returns>A handle that stops publishing when disposed.</returns>
    public IDisposable Register(Func<IngestStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        lock (_gate)
        {
            _ingests = [.. _ingests, statistics];
        }

        return new Registration(() =>
        {
            lock (_gate)
            {
                _ingests = [.. _ingests.Where(f => f != statistics)];
            }
        });
    }

    /// <summary>Publishes the number of active (pending or firing) alerts through <c>rxmonitor.alerts.active</c>.</summary>
    /// <param name="count">Returns the current count; called on the listener's thread.</param>
    /// <returns>A handle that stops publishing when disposed.</returns>
    public IDisposable RegisterActiveAlerts(Func<int> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        lock (_gate)
        {
            _activeAlerts = [.. _activeAlerts, count];
        }

        return new Registration(() =>
        {
            lock (_gate)
            {
                _activeAlerts = [.. _activeAlerts.Where(f => f != count)];
            }
        });
    }

    /// <summary>Publishes a durable store's counters through the <c>rxmonitor.store.*</c> instruments (tag <c>store</c>).</summary>
    /// <param name="figures">Returns a snapshot; called on the listener's thread.</param>
    /// <returns>A handle that stops publishing when disposed.</returns>
    public IDisposable RegisterStore(Func<StoreWriteFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        lock (_gate)
        {
            _stores = [.. _stores, figures];
        }

        return new Registration(() =>
        {
            lock (_gate)
            {
                _stores = [.. _stores.Where(f => f != figures)];
            }
        });
    }

    /// <summary>Publishes <c>rxmonitor.rules.faulted{rule}</c> as 0 until the rule's first fault.</summary>
    /// <param name="ruleName">The rule's name.</param>
    public void DeclareRule(string ruleName)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        _ruleFaults.GetOrAdd(ruleName, static _ => new StrongBox<long>());
    }

    /// <summary>Publishes <c>rxmonitor.sinks.dropped{sink}</c> as 0 until the sink's first drop.</summary>
    /// <param name="sinkName">The sink's name.</param>
    public void DeclareSink(string sinkName)
    {
        ArgumentNullException.ThrowIfNull(sinkName);
        _sinkDrops.GetOrAdd(sinkName, static _ => new StrongBox<long>());
    }

    /// <summary>Counts one fault of the rule <paramref name="ruleName"/> in <c>rxmonitor.rules.faulted</c> (tag <c>rule</c>).</summary>
    /// <param name="ruleName">The rule's name.</param>
    public void RuleFaulted(string ruleName)
    {
        ArgumentNullException.ThrowIfNull(ruleName);
        Interlocked.Increment(ref _ruleFaults.GetOrAdd(ruleName, static _ => new StrongBox<long>()).Value);
    }

    /// <summary>Counts notifications lost by the sink <paramref name="sinkName"/> in <c>rxmonitor.sinks.dropped</c> (tag <c>sink</c>).</summary>
    /// <param name="sinkName">The sink's name.</param>
    /// <param name="count">How many were lost; at least 1.</param>
    public void SinkDropped(string sinkName, long count = 1)
    {
        ArgumentNullException.ThrowIfNull(sinkName);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Interlocked.Add(ref _sinkDrops.GetOrAdd(sinkName, static _ => new StrongBox<long>()).Value, count);
    }

    /// <summary>Disposes the meter when this instance created it (a factory's meter is the factory's to dispose).</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private long SumIngest(Func<IngestStatistics, long> field)
    {
        long sum = 0;
        foreach (var statistics in Volatile.Read(ref _ingests))
        {
            if (TryRead(statistics, out var s))
            {
                sum += field(s);
            }
        }

        return sum;
    }

    private double ObserveLag()
    {
        var lag = TimeSpan.Zero;
        foreach (var statistics in Volatile.Read(ref _ingests))
        {
            if (TryRead(statistics, out var s) && s.LastLag > lag)
            {
                lag = s.LastLag;
            }
        }

        return lag.TotalSeconds;
    }

    private long ObserveActiveAlerts()
    {
        long sum = 0;
        foreach (var count in Volatile.Read(ref _activeAlerts))
        {
            try
            {
                sum += count();
            }
            // A failing component must not break the listener; its share is left out.
            catch (Exception)
            {
            }
        }

        return sum;
    }

    private List<Measurement<long>> ObserveStores(Func<StoreWriteFigures, long> field)
    {
        var stores = Volatile.Read(ref _stores);
        var measurements = new List<Measurement<long>>(stores.Length);
        foreach (var figures in stores)
        {
            try
            {
                var f = figures();
                measurements.Add(new Measurement<long>(field(f), new KeyValuePair<string, object?>("store", f.Store)));
            }
            // A failing component must not break the listener; its share is left out.
            catch (Exception)
            {
            }
        }

        return measurements;
    }

    private static List<Measurement<long>> Observe(ConcurrentDictionary<string, StrongBox<long>> counts, string tag)
    {
        var measurements = new List<Measurement<long>>(counts.Count);
        foreach (var (name, count) in counts)
        {
            measurements.Add(new Measurement<long>(Volatile.Read(ref count.Value), new KeyValuePair<string, object?>(tag, name)));
        }

        return measurements;
    }

    private static bool TryRead(Func<IngestStatistics> statistics, out IngestStatistics value)
    {
        try
        {
            value = statistics();
            return true;
        }
        // A failing component must not break the listener; its share is left out.
        catch (Exception)
        {
            value = default;
            return false;
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
