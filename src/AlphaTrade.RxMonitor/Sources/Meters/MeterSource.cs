using System.Diagnostics.Metrics;
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
/// </remarks>
public sealed class MeterSource : IMetricSource, IDisposable
{
    /// <summary>The series that counts measurements dropped for exceeding the per-instrument series limit.</summary>
    public const string DroppedMeasurementsMetric = "rxmonitor_meter_dropped_measurements_total";

    private readonly MeterListener _listener;
    private readonly MeterSourceOptions _options;
    private readonly double[] _quantiles;
    private readonly object _gate = new();
    private readonly SeriesKey _droppedKey = SeriesKey.Create(DroppedMeasurementsMetric);
    private InstrumentState[] _instruments = [];

    /// <summary>Creates the source and starts listening.</summary>
    /// <param name="options">Which meters and how; validated here. Default: every meter.</param>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed).</exception>
    public MeterSource(MeterSourceOptions? options = null)
    {
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
        _listener.RecordObservableInstruments();
        var instruments = Volatile.Read(ref _instruments);
        long dropped = 0;
        foreach (var instrument in instruments)
        {
            instrument.Emit(timestampTicks, observer);
            dropped += instrument.DroppedMeasurements;
        }

        observer.OnNext(new MetricSample(_droppedKey, timestampTicks, dropped));
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_options.Includes(instrument.Meter.Name))
        {
            return;
        }

        var state = new InstrumentState(instrument, _options, _quantiles);
        lock (_gate)
        {
            _instruments = [.. _instruments, state];
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    // A disposed meter's series stop being reported (downstream staleness then ends them).
    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        lock (_gate)
        {
            _instruments = [.. _instruments.Where(s => !ReferenceEquals(s, state))];
        }
    }
}
