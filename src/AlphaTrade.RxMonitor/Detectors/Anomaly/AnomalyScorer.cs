using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>One subscription of <c>AnomalyScores</c>: a model and a score key per series (in the one per-series table), idle series forgotten.</summary>
internal sealed class AnomalyScorer(int warmupSamples)
{
    private const int SweepEverySamples = 1024;
    private static readonly long RetentionTicks = TimeSpan.FromDays(1).Ticks;
    private readonly SeriesTable<Entry> _series = new();
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

        ref var entry = ref _series.Touch(sample.Key, ticks);
        if (Unsafe.IsNullRef(ref entry))
        {
            entry = ref _series.GetOrAdd(sample.Key, ticks, out _);
            entry = new Entry(
                new AnomalyModel(warmupSamples, AnomalyParameters.Default),
                SeriesKey.Create(sample.Key.Name + AnomalyObservableExtensions.ScoreSuffix, sample.Key.Labels));
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
        _series.RemoveIdle(nowTicks - RetentionTicks);
    }

    /// <summary>A series' model, the key its scores are recorded under, and the time of its newest scored sample.</summary>
    private struct Entry(AnomalyModel model, SeriesKey scoreKey)
    {
        public readonly AnomalyModel Model = model;

        public readonly SeriesKey ScoreKey = scoreKey;

        public long LastTicks = long.MinValue;
    }
}
