using System.Diagnostics.Metrics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>One bridged instrument: its series (one per tag combination) and their running values.</summary>
/// <remarks>Measurements arrive on any thread; every access to the series list and values is under the instance lock.</remarks>
internal sealed class InstrumentState
{
    private readonly List<TaggedSeries> _series = [];
    private readonly MeterSourceOptions _options;
    private readonly double[] _quantiles;

    public InstrumentState(Instrument instrument, MeterSourceOptions options, double[] quantiles)
    {
        _options = options;
        _quantiles = quantiles;
        Kind = KindOf(instrument);
        InstrumentName = instrument.Name;
        IsObservable = instrument.IsObservable;
        IsCounter = Kind is InstrumentKind.Counter or InstrumentKind.CumulativeObserved;
        MetricName = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, IsCounter);
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Name} ({instrument.Unit ?? "no unit"})." : instrument.Description;
    }

    public InstrumentKind Kind { get; }

    public string InstrumentName { get; }

    /// <summary>The series' name: the instrument's, converted by <see cref="PrometheusNaming"/>.</summary>
    public string MetricName { get; }

    /// <summary>Whether the series are counters (their name ends in <c>_total</c>).</summary>
    public bool IsCounter { get; }

    /// <summary>The instrument's description, or its name and unit.</summary>
    public string Help { get; }

    /// <summary>
    /// Whether the instrument reports its whole state at each collection (an observable one): a series it no longer
    /// reports is no longer emitted.
    /// </summary>
    public bool IsObservable { get; }

    public long DroppedMeasurements { get; private set; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        lock (this)
        {
            var series = Find(tags);
            if (series is null)
            {
                if (_series.Count >= _options.MaxSeriesPerInstrument)
                {
                    DroppedMeasurements++;
                    return;
                }

                series = new TaggedSeries(MetricName, Kind, tags, _quantiles);
                _series.Add(series);
            }

            series.Record(Kind, value);
        }
    }

    public void Emit(long timestampTicks, IObserver<MetricSample> observer)
    {
        lock (this)
        {
            foreach (var series in _series)
            {
                series.Emit(Kind, _quantiles, timestampTicks, observer, IsObservable);
            }
        }
    }

    private static InstrumentKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>))
        {
            return InstrumentKind.Counter;
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return InstrumentKind.Sum;
        }

        if (definition == typeof(Histogram<>))
        {
            return InstrumentKind.Histogram;
        }

        return definition == typeof(ObservableCounter<>) ? InstrumentKind.CumulativeObserved : InstrumentKind.LastValue;
    }

    private TaggedSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var series in _series)
        {
            if (series.Matches(tags))
            {
                return series;
            }
        }

        return null;
    }
}
