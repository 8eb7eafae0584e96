using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>
/// Breaches when a series stops behaving like itself: each sample gets an anomaly score in [0, 1] from a model the
/// series' own history trains online, and the <see cref="Condition"/> (levels <c>above</c> a score) decides.
/// </summary>
/// <remarks>
/// <para>
/// The score combines, by their maximum, a value beyond the range seen so far and a run of quantised value patterns
/// the series has not shown before; after a detection the score stays below the detection level for a while, so one
/// anomaly is one detection (see <c>docs/anomaly.md</c>). The first <see cref="WarmupSamples"/> samples only train
/// the model and score 0. Nothing about the series is known in advance: its range is learned as it arrives.
/// </para>
/// <para>
/// <c>Evaluate(t)</c>: the newest sample in <c>[t − lookback, t]</c> gives the result (no data without one); its
/// value is the score, its detail the sample's value (<c>{{ $value }}</c> / <c>{{ $detail }}</c>). Each sample is one
/// observation of the condition's levels; a gap longer than the lookback clears the levels but not the model.
/// Cost: about <see cref="BytesPerSeries"/> bytes per series (20 KB), allocated when the evaluator is created,
/// plus 8 bytes per warm-up sample until the warm-up ends; nothing per sample.
/// </para>
/// </remarks>
public sealed class AnomalyDetector : IDetector, IWindowedDetector
{
    /// <summary>The default warm-up: 750 samples (NAB's longest probationary period).</summary>
    public const int DefaultWarmupSamples = 750;

    /// <summary>The fewest warm-up samples: the range and the first patterns need some history.</summary>
    public const int MinWarmupSamples = 10;

    /// <summary>The most warm-up samples (they are held until the warm-up ends).</summary>
    public const int MaxWarmupSamples = 100_000;

    // A silent series keeps its model this long, so a short outage does not restart the warm-up.
    private static readonly TimeSpan s_modelRetention = TimeSpan.FromDays(1);

    /// <summary>Creates the detector.</summary>
    /// <param name="condition">Levels above a score (in [0, 1)); the direction must be <see cref="ThresholdDirection.Above"/>.</param>
    /// <param name="warmupSamples">Samples that only train the model; between <see cref="MinWarmupSamples"/> and <see cref="MaxWarmupSamples"/>.</param>
    /// <param name="lookback">How old the newest sample may be; default 5 minutes.</param>
    public AnomalyDetector(ThresholdCondition condition, int warmupSamples = DefaultWarmupSamples, TimeSpan? lookback = null)
        : this(condition, warmupSamples, lookback, scores: null)
    {
    }

    private AnomalyDetector(ThresholdCondition condition, int warmupSamples, TimeSpan? lookback, AnomalyScoreFeed? scores)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.Direction != ThresholdDirection.Above)
        {
            throw new ArgumentException("An anomaly condition compares the score from above: use 'above' limits.", nameof(condition));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSamples, MinWarmupSamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSamples, MaxWarmupSamples);
        var value = lookback ?? PrometheusFunctions.LookbackDelta;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(lookback));
        Condition = condition;
        WarmupSamples = warmupSamples;
        Lookback = value;
        Scores = scores;
    }

    /// <summary>The approximate memory of one series' model after its warm-up, in bytes (during it, 8 more per warm-up sample).</summary>
    public static int BytesPerSeries => AnomalyModel.BytesFor(AnomalyParameters.Default);

    /// <summary>The levels, above a score.</summary>
    public ThresholdCondition Condition { get; }

    /// <summary>Samples of each series that only train the model (scored 0).</summary>
    public int WarmupSamples { get; }

    /// <summary>How old the newest sample may be before the series has no current value.</summary>
    public TimeSpan Lookback { get; }

    /// <summary>Where the evaluators publish each score they compute, or <see langword="null"/> (the default: nowhere).</summary>
    public AnomalyScoreFeed? Scores { get; }

    TimeSpan IWindowedDetector.Lookback => s_modelRetention > Lookback ? s_modelRetention : Lookback;

    /// <summary>
    /// The same detector, publishing each score its evaluators compute to <paramref name="scores"/> as a sample of
    /// <c>&lt;name&gt;_anomaly_score</c> (the rule's score as a series, computed once for the rule and the series).
    /// </summary>
    /// <param name="scores">The feed; the host sends it to the latest values and the roll-ups.</param>
    /// <returns>A new detector with the same condition, warm-up and lookback.</returns>
    public AnomalyDetector PublishingScoresTo(AnomalyScoreFeed scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new AnomalyDetector(Condition, WarmupSamples, Lookback, scores);
    }

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (Scores is not { } feed)
        {
            return new Evaluator(this, null, null);
        }

        var scoreKey = SeriesKey.Create(series.Name + AnomalyObservableExtensions.ScoreSuffix, series.Labels);
        return feed.Claim(scoreKey, this) ? new Evaluator(this, feed, scoreKey) : new Evaluator(this, null, null);
    }

    private sealed class Evaluator(AnomalyDetector detector, AnomalyScoreFeed? scores, SeriesKey? scoreKey) : ISeriesEvaluator
    {
        private readonly AnomalyModel _model = new(detector.WarmupSamples, AnomalyParameters.Default);
        private readonly LevelTracker _levels = new(detector.Condition);
        private readonly long _lookbackTicks = detector.Lookback.Ticks;
        private long _lastTicks = long.MinValue;
        private DetectorResult _last = DetectorResult.NoData;

        public void Add(long timestampTicks, double value)
        {
            if (_lastTicks != long.MinValue && timestampTicks - _lastTicks > _lookbackTicks)
            {
                _levels.Reset();
            }

            _lastTicks = timestampTicks;
            var score = _model.Score(value);
            if (scores is not null && scoreKey is not null && double.IsFinite(value))
            {
                scores.Publish(new MetricSample(scoreKey, timestampTicks, score));
            }

            _last = _levels.Observe(score, value);
            if (_last.Outcome == DetectorOutcome.Normal)
            {
                _last = _last with { Detail = value };
            }
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            if (_lastTicks == long.MinValue || timestampTicks - _lastTicks > _lookbackTicks)
            {
                _levels.Reset();
                return DetectorResult.NoData;
            }

            return _last;
        }
    }
}
