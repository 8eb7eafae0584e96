using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>
/// Where <c>anomaly</c> rules publish the scores they compute, as samples of <c>&lt;name&gt;_anomaly_score</c> (the
/// series <c>AnomalyScores</c> yields): give it to <see cref="AnomalyDetector.PublishingScoresTo"/>, and send its
/// observer's samples to the latest values and the roll-ups, never back into the ingest.
/// </summary>
/// <remarks>
/// <para>
/// One feed serves every anomaly rule of a pipeline. When two rules score the same series, the score series belongs
/// to the detector whose evaluator for it was created first (two detectors with different warm-ups score differently,
/// and one series must have one value per sample): the feed keeps one owner per score series, a few dozen bytes each,
/// for its life.
/// </para>
/// <para>
/// Scores are published on the rule engine's thread, inside the evaluator's <c>Add</c>, so the observer must be fast
/// and must not throw (a throw faults the rule). Publishing a score allocates nothing.
/// </para>
/// </remarks>
public sealed class AnomalyScoreFeed
{
    private readonly IObserver<MetricSample> _observer;
    private readonly Dictionary<SeriesKey, AnomalyDetector> _owners = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a feed that hands every score sample to <paramref name="observer"/>.</summary>
    /// <param name="observer">Takes the score samples; must not throw.</param>
    public AnomalyScoreFeed(IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observer = observer;
    }

    /// <summary>Whether <paramref name="detector"/> publishes <paramref name="scoreKey"/>: it does unless another detector claimed it first.</summary>
    internal bool Claim(SeriesKey scoreKey, AnomalyDetector detector)
    {
        lock (_gate)
        {
            if (_owners.TryGetValue(scoreKey, out var owner))
            {
                return ReferenceEquals(owner, detector);
            }

            _owners[scoreKey] = detector;
            return true;
        }
    }

    /// <summary>Publishes one score sample.</summary>
    internal void Publish(in MetricSample score) => _observer.OnNext(score);
}
