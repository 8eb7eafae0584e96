using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>
/// Bridges <c>System.Diagnostics.Metrics</c> into series: every instrument of the selected meters — the
/// runtime's <c>System.Runtime</c> (GC, thread pool, locks, exceptions, …) and any application meter —
/// observable instruments included.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="MeterListener"/> receives measurements on the threads that record them; each poll first
/// collects the observable instruments (<see cref="MeterListener.RecordObservableInstruments"/>), then writes
/// the current value of every series: counters as cumulative <c>name_total</c>, up-down counters as their
/// running sum, gauges and observable gauges as the last value, histograms as <c>name_count</c>,
/// <c>name_sum</c> and <c>name{quantile="…"}</c> over the values recorded since the previous poll. Names
/// follow <see cref="PrometheusNaming"/> (<c>dotnet.gc.pause.time</c> in seconds →
/// <c>dotnet_gc_pause_time_seconds_total</c>), tags become labels.
/// </para>
/// <para>
/// Series are created once per tag combination (up to <see cref="MeterSourceOptions.MaxSeriesPerInstrument"/>);
/// recording a measurement of a known series allocates nothing. Observable instruments' own callbacks may
/// allocate (the runtime's do). Measurements dropped because an instrument had too many series are reported
/// as <c>rxmonitor_meter_dropped_measurements_total</c>. Dispose to stop listening.
/// </para>
/// <para>
/// This is the one bridge from instruments to series: the Prometheus exporter reads the pipeline's own meter through
/// it too, at each scrape. A series an observable instrument no longer reports is no longer written; when two
/// instruments convert to the same name, only the first by instrument name is written. An observable callback that
/// throws leaves out its own series: the others are written, then the poll fails with the callback's exception.
/// </para>
/// </remarks>
public sealed class MeterSource : IMetricSource, IDisposable
{
    /// <summary>The series that counts measurements dropped for exceeding the per-instrument series limit.</summary>
    public const string DroppedMeasurementsMetric = "rxmonitor_meter_dropped_measurements_total";

    private readonly MeterListener _listener;
    private readonly MeterSourceOptions _options;
    private readonly Meter? _meter;
    private readonly double[] _quantiles;
    private readonly object _gate = new();
    private readonly SeriesKey _droppedKey = SeriesKey.Create(DroppedMeasurementsMetric);
    private InstrumentState[] _instruments = [];
    private InstrumentState[] _written = [];

    /// <summary>Creates the source and starts listening.</summary>
    /// <param name="options">Which meters and how; validated here. Default: every meter.</param>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed).</exception>
    public MeterSource(MeterSourceOptions? options = null)
        : this(options, null)
    {
    }

    /// <summary>Bridges the instruments of one meter instance only (the pipeline's own, for the exporter).</summary>
    internal MeterSource(Meter meter)
        : this(null, meter)
    {
    }

    private MeterSource(MeterSourceOptions? options, Meter? meter)
    {
        _meter = meter;
        _options = options ?? new MeterSourceOptions();
        _options.ThrowIfInvalid(MeterSourceOptions.Section);
        _quantiles = [.. _options.Quantiles];
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, v, tags, state) => ((InstrumentState)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, v, tags, state) => ((InstrumentState)state!).Record((double)v, tags));
        _listener.Start();
    }

    /// <inheritdoc />
    public string Name => "meters";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var failure = Collect(timestampTicks, observer);
        long dropped = 0;
        foreach (var instrument in Volatile.Read(ref _instruments))
        {
            dropped += instrument.DroppedMeasurements;
        }

        observer.OnNext(new MetricSample(_droppedKey, timestampTicks, dropped));
        failure?.Throw();
    }

    /// <summary>Collects the observable instruments and writes the current value of every series.</summary>
    /// <returns>The failure of the observable callbacks that threw, or <see langword="null"/>.</returns>
    internal ExceptionDispatchInfo? Collect(long timestampTicks, IObserver<MetricSample> observer)
    {
        ExceptionDispatchInfo? failure = null;
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (AggregateException e)
        {
            // The listener has asked every instrument before throwing: the others' series are still written.
            failure = ExceptionDispatchInfo.Capture(e);
        }

        foreach (var instrument in Volatile.Read(ref _written))
        {
            instrument.Emit(timestampTicks, observer);
        }

        return failure;
    }

    /// <summary>The Prometheus type and help of the series named <paramref name="metricName"/>, when an instrument writes it.</summary>
    internal bool TryDescribe(string metricName, out bool isCounter, [NotNullWhen(true)] out string? help)
    {
        foreach (var instrument in Volatile.Read(ref _written))
        {
            if (string.Equals(instrument.MetricName, metricName, StringComparison.Ordinal))
            {
                (isCounter, help) = (instrument.IsCounter, instrument.Help);
                return true;
            }
        }

        (isCounter, help) = (false, null);
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (_meter is null ? !_options.Includes(instrument.Meter.Name) : !ReferenceEquals(instrument.Meter, _meter))
        {
            return;
        }

        var state = new InstrumentState(instrument, _options, _quantiles);
        lock (_gate)
        {
            _instruments = [.. _instruments, state];
            _written = Written(_instruments);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    // A disposed meter's series stop being reported (downstream staleness then ends them).
    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        lock (_gate)
        {
            _instruments = [.. _instruments.Where(s => !ReferenceEquals(s, state))];
            _written = Written(_instruments);
        }
    }

    // Two instruments whose names convert to the same series name would write one series twice: the first by
    // instrument name is written, so the choice is stable.
    private static InstrumentState[] Written(InstrumentState[] instruments) =>
        [.. instruments.OrderBy(static i => i.InstrumentName, StringComparer.Ordinal).DistinctBy(static i => i.MetricName, StringComparer.Ordinal)];
}
