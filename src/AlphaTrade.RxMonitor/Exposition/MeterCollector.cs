using System.Diagnostics.Metrics;
using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>Reads the instruments of one <see cref="Meter"/> through a <see cref="MeterListener"/> into metric families.</summary>
/// <remarks>
/// Counters and up-down counters are summed from the moment this collector starts listening; observable
/// instruments and gauges keep their last measurement. Histograms are not exposed. When two instruments convert
/// to the same Prometheus name, only the first by instrument name is exposed. Thread-safe: measurements
/// arrive on any thread and <see cref="Collect"/> may be called concurrently.
/// </remarks>
internal sealed class MeterCollector : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private readonly Lock _collectGate = new();
    private readonly Dictionary<Instrument, InstrumentState> _instruments = [];

    public MeterCollector(Meter meter)
    {
        _meter = meter;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _meter) && Describe(instrument) is { } state)
                {
                    lock (_gate)
                    {
                        _instruments[instrument] = state;
                    }

                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, _) =>
            {
                lock (_gate)
                {
                    _instruments.Remove(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    public List<MetricFamily> Collect()
    {
        lock (_collectGate)
        {
            InstrumentState[] states;
            lock (_gate)
            {
                // Two instruments whose names convert to the same Prometheus name would make an invalid exposition:
                // the first by instrument name is kept, so the choice is stable.
                var names = new HashSet<string>(StringComparer.Ordinal);
                states = [.. _instruments
                    .OrderBy(static i => i.Key.Name, StringComparer.Ordinal)
                    .Select(static i => i.Value)
                    .Where(state => names.Add(state.Name))];
            }

            // An observable instrument reports its whole state at each collection; what it no longer reports is gone.
            foreach (var state in states)
            {
                state.ClearIfObservable();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException)
            {
                // The listener has asked every instrument and collected what the throwing callbacks did not give:
                // a failing callback leaves out its own series, never the whole scrape.
            }
            var families = new List<MetricFamily>(states.Length);
            foreach (var state in states)
            {
                var family = new MetricFamily(state.Name, state.Type, state.Help);
                state.CopyTo(family.Samples);
                families.Add(family);
            }

            return families;
        }
    }

    public void Dispose() => _listener.Dispose();

    private static InstrumentState? Describe(Instrument instrument)
    {
        var kind = instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;
        (PrometheusMetricType Type, bool Cumulative)? shape =
            kind == typeof(Counter<>) ? (PrometheusMetricType.Counter, true)
            : kind == typeof(UpDownCounter<>) ? (PrometheusMetricType.Gauge, true)
            : kind == typeof(ObservableCounter<>) ? (PrometheusMetricType.Counter, false)
            : kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>) || kind == typeof(Gauge<>) ? (PrometheusMetricType.Gauge, false)
            : null;
        if (shape is not { } s)
        {
            return null;
        }

        var name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, s.Type == PrometheusMetricType.Counter);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? $"{instrument.Name} ({instrument.Unit ?? "no unit"})." : instrument.Description;
        return new InstrumentState(name, s.Type, help, s.Cumulative, instrument.IsObservable);
    }

    private sealed class InstrumentState(string name, PrometheusMetricType type, string help, bool cumulative, bool observable)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<LabelSet, double> _values = [];

        public string Name { get; } = name;

        public PrometheusMetricType Type { get; } = type;

        public string Help { get; } = help;

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (ToLabels(tags) is not { } labels)
            {
                return;
            }

            lock (_gate)
            {
                _values[labels] = cumulative && _values.TryGetValue(labels, out var sum) ? sum + value : value;
            }
        }

        public void ClearIfObservable()
        {
            if (observable)
            {
                lock (_gate)
                {
                    _values.Clear();
                }
            }
        }

        public void CopyTo(List<FamilySample> samples)
        {
            lock (_gate)
            {
                foreach (var (labels, value) in _values)
                {
                    samples.Add(new FamilySample(labels, value, null));
                }
            }
        }

        // Called on the measuring thread (a counter's Add): tags that collide once converted to label names are
        // skipped rather than thrown into the component that measured.
        private static LabelSet? ToLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return LabelSet.Empty;
            }

            var labels = new Label[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new Label(
                    PrometheusNaming.LabelName(tags[i].Key),
                    Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
            }

            try
            {
                return LabelSet.Create(labels);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
