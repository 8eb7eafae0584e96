using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>One subscription of <c>AnomalyScores</c>: a model and a score key per series, idle series forgotten.</summary>
internal sealed class AnomalyScorer(int warmupSamples)
{
    private const int SweepEverySamples = 1024;
    private static readonly long RetentionTicks = TimeSpan.FromDays(1).Ticks;
    private readonly Dictionary<SeriesKey, Entry> _series = [];
    private readonly List<SeriesKey> _idle = [];
    private int _sinceSweep;
    private long _lastSweepTicks = long.MinValue;

    /// <summary>The number of series with a model.</summary>
    public int Count => _series.Count;

    /// <summary>Scores <paramref name="sample"/>; <see langword="false"/> when it is skipped (not finite, or late).</summary>
    public bool TryScore(in MetricSample sample, out MetricSample score)
    {
        score = default;
        var ticks = sample.TimestampTicks;
        if (sample.Key is null || !double.IsFinite(sample.Value))
        {
            return false;
        }

        if (!_series.TryGetValue(sample.Key, out var entry))
        {
            entry = new Entry(
                new AnomalyModel(warmupSamples, AnomalyParameters.Default),
                SeriesKey.Create(sample.Key.Name + AnomalyObservableExtensions.ScoreSuffix, sample.Key.Labels));
            _series[sample.Key] = entry;
        }
        else if (ticks < entry.LastTicks)
        {
            return false;
        }

        entry.LastTicks = ticks;
        score = new MetricSample(entry.ScoreKey, ticks, entry.Model.Score(sample.Value));
        if (++_sinceSweep >= SweepEverySamples)
        {
            _sinceSweep = 0;
            SweepIfDue(ticks);
        }

        return true;
    }

    private void SweepIfDue(long nowTicks)
    {
        if (_lastSweepTicks != long.MinValue && nowTicks - _lastSweepTicks < RetentionTicks)
        {
            return;
        }

        _lastSweepTicks = nowTicks;
        foreach (var (key, entry) in _series)
        {
            if (nowTicks - entry.LastTicks > RetentionTicks)
            {
                _idle.Add(key);
            }
        }

        foreach (var key in _idle)
        {
            _series.Remove(key);
        }

        _idle.Clear();
    }

    private sealed class Entry(AnomalyModel model, SeriesKey scoreKey)
    {
        public AnomalyModel Model { get; } = model;

        public SeriesKey ScoreKey { get; } = scoreKey;

        public long LastTicks { get; set; } = long.MinValue;
    }
}
