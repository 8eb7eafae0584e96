using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>One tag combination of a bridged instrument: its keys (made once) and its running value.</summary>
internal sealed class TaggedSeries
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly SeriesKey _key;
    private readonly SeriesKey? _countKey;
    private readonly SeriesKey? _sumKey;
    private readonly SeriesKey[]? _quantileKeys;
    private readonly DDSketch? _durations;
    private double _value;
    private long _count;
    private bool _hasValue;
    private bool _recorded;

    public TaggedSeries(string metricName, InstrumentKind kind, ReadOnlySpan<KeyValuePair<string, object?>> tags, double[] quantiles)
    {
        _tags = tags.ToArray();
        var labels = new List<Label>(_tags.Length + 1);
        foreach (var tag in _tags)
        {
            var name = PrometheusNaming.LabelName(tag.Key);
            if (name != "quantile" && labels.TrueForAll(l => l.Name != name))
            {
                labels.Add(new Label(name, PrometheusNaming.LabelValue(tag.Value)));
            }
        }

        var labelSet = LabelSet.Create([.. labels]);
        _key = SeriesKey.Create(metricName, labelSet);
        if (kind == InstrumentKind.Histogram)
        {
            _countKey = SeriesKey.Create(metricName + "_count", labelSet);
            _sumKey = SeriesKey.Create(metricName + "_sum", labelSet);
            _quantileKeys = [.. quantiles.Select(q => SeriesKey.Create(
                metricName, labelSet.With(new Label("quantile", q.ToString(CultureInfo.InvariantCulture)))))];
            _durations = new DDSketch();
        }
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        // Tag order is usually stable per call site; fall back to a search when it is not.
        for (var i = 0; i < tags.Length; i++)
        {
            if (!SameTag(tags[i], _tags[i]) && !Contains(tags[i]))
            {
                return false;
            }
        }

        return true;
    }

    public void Record(InstrumentKind kind, double value)
    {
        switch (kind)
        {
            case InstrumentKind.Counter:
            case InstrumentKind.Sum:
                _value += value;
                break;
            case InstrumentKind.Histogram:
                _value += value;
                _count++;
                _durations!.Add(value);
                break;
            default:
                _value = value;
                break;
        }

        _hasValue = true;
        _recorded = true;
    }

    public void Emit(InstrumentKind kind, double[] quantiles, long timestampTicks, IObserver<MetricSample> observer, bool onlyIfRecorded)
    {
        var recorded = _recorded;
        _recorded = false;
        if (!_hasValue || (onlyIfRecorded && !recorded))
        {
            return;
        }

        if (kind != InstrumentKind.Histogram)
        {
            observer.OnNext(new MetricSample(_key, timestampTicks, _value));
            return;
        }

        observer.OnNext(new MetricSample(_countKey!, timestampTicks, _count));
        observer.OnNext(new MetricSample(_sumKey!, timestampTicks, _value));
        if (_durations!.Count > 0)
        {
            for (var i = 0; i < quantiles.Length; i++)
            {
                observer.OnNext(new MetricSample(_quantileKeys![i], timestampTicks, _durations.Quantile(quantiles[i])));
            }

            _durations.Clear();
        }
    }

    private static bool SameTag(KeyValuePair<string, object?> a, KeyValuePair<string, object?> b) =>
        string.Equals(a.Key, b.Key, StringComparison.Ordinal) && Equals(a.Value, b.Value);

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var own in _tags)
        {
            if (SameTag(tag, own))
            {
                return true;
            }
        }

        return false;
    }
}
