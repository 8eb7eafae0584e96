using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Breaches when a series leaves its seasonal band: the current value lies more than <see cref="Deviations"/>
/// standard deviations from the mean of the same hour of the week (UTC) in past weeks.
/// </summary>
/// <remarks>
/// <para>
/// Per series the evaluator keeps 168 hour-of-week slots. Each hour of event time, the mean of that hour's
/// samples becomes one observation of its slot (Welford mean and sample standard deviation, the same statistics
/// as <see cref="SeasonalBaseline"/> builds from 1-hour roll-ups), so a slot holds one value per past week and
/// the current hour never counts in its own band. An hour closes at the first sample or evaluation in a later hour.
/// </para>
/// <para>
/// <c>Evaluate(t)</c>: the current value is the newest sample in <c>[t − lookback, t]</c> (no data without
/// one); the band is the slot of <c>t</c>'s hour of the week; with fewer than <see cref="MinWeeks"/> weeks in
/// that slot the result is no data. Otherwise z = (value − mean)/stddev and the result is breached at
/// <see cref="Severity"/> when |z| &gt; <see cref="Deviations"/> (strict, as every comparison of the rules).
/// A slot whose weeks never varied has a zero spread: the mean itself is z = 0, anything else ±∞.
/// The result's value is z, its detail the series' value (<c>{{ $value }}</c> / <c>{{ $detail }}</c> in annotations).
/// </para>
/// <para>
/// History: an evaluator learns from the stream it sees, so after a start it needs <see cref="MinWeeks"/>
/// weeks before it can breach — unless profiles are passed in (<c>seed</c>, e.g. from
/// <see cref="PerformanceAnalyzer.GetBaselineAsync"/> over the store's roll-ups), which the evaluator of a
/// matching series starts from. Cost: about 4 KB per series, allocated when its evaluator is created; nothing
/// per sample.
/// </para>
/// </remarks>
public sealed class BaselineDetector : IDetector, IWindowedDetector
{
    private static readonly TimeSpan s_week = TimeSpan.FromDays(7);
    private readonly IReadOnlyDictionary<SeriesKey, SeasonalBaseline> _seed;

    /// <summary>Creates the detector.</summary>
    /// <param name="deviations">The band's half-width in standard deviations (k in |z| &gt; k), above zero.</param>
    /// <param name="minWeeks">Weeks of history the current hour of the week needs before it can breach; at least 2 (a spread needs two).</param>
    /// <param name="severity">The severity of a breach.</param>
    /// <param name="lookback">How old the newest sample may be; default 5 minutes.</param>
    /// <param name="seed">Profiles per series to start from (e.g. read from the store); default none.</param>
    public BaselineDetector(
        double deviations,
        int minWeeks = 2,
        Severity severity = Severity.Warning,
        TimeSpan? lookback = null,
        IReadOnlyDictionary<SeriesKey, SeasonalBaseline>? seed = null)
    {
        if (!(deviations > 0) || !double.IsFinite(deviations))
        {
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "The number of standard deviations must be a positive number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minWeeks, 2);
        var value = lookback ?? PrometheusFunctions.LookbackDelta;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(lookback));
        Deviations = deviations;
        MinWeeks = minWeeks;
        Severity = severity;
        Lookback = value;
        _seed = seed ?? new Dictionary<SeriesKey, SeasonalBaseline>();
    }

    /// <summary>The band's half-width in standard deviations.</summary>
    public double Deviations { get; }

    /// <summary>Weeks of history an hour of the week needs before it can breach.</summary>
    public int MinWeeks { get; }

    /// <summary>The severity of a breach.</summary>
    public Severity Severity { get; }

    /// <summary>How old the newest sample may be before the series has no current value.</summary>
    public TimeSpan Lookback { get; }

    // The engine keeps a silent series' state this long: a week, so the learned profile survives short outages.
    TimeSpan IWindowedDetector.Lookback => s_week > Lookback ? s_week : Lookback;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Evaluator(this, _seed.GetValueOrDefault(series));
    }

    private sealed class Evaluator : ISeriesEvaluator
    {
        private readonly BaselineDetector _detector;
        private readonly WelfordAccumulator[] _slots = new WelfordAccumulator[HourOfWeek.Count];
        private readonly long _lookbackTicks;
        private long _hour = long.MinValue;
        private double _hourSum;
        private long _hourCount;
        private long _lastTicks = long.MinValue;
        private double _lastValue;

        public Evaluator(BaselineDetector detector, SeasonalBaseline? seed)
        {
            _detector = detector;
            _lookbackTicks = detector.Lookback.Ticks;
            if (seed is not null)
            {
                for (var i = 0; i < HourOfWeek.Count && i < seed.Hours.Count; i++)
                {
                    _slots[i] = WelfordAccumulator.From(seed.Hours[i]);
                }
            }
        }

        public void Add(long timestampTicks, double value)
        {
            CloseHourBefore(timestampTicks);
            if (_hourCount == 0)
            {
                _hour = timestampTicks / TimeSpan.TicksPerHour;
            }

            _hourSum += value;
            _hourCount++;
            _lastTicks = timestampTicks;
            _lastValue = value;
        }

        public DetectorResult Evaluate(long timestampTicks)
        {
            CloseHourBefore(timestampTicks);
            if (_lastTicks == long.MinValue || timestampTicks - _lastTicks > _lookbackTicks)
            {
                return DetectorResult.NoData;
            }

            var band = _slots[HourOfWeek.Of(timestampTicks)].ToStatistics(HourOfWeek.Of(timestampTicks));
            if (band.Weeks < _detector.MinWeeks)
            {
                return DetectorResult.NoData;
            }

            var z = band.ZScore(_lastValue);
            return Math.Abs(z) > _detector.Deviations
                ? DetectorResult.Breached(z, _detector.Severity, _lastValue)
                : new DetectorResult(DetectorOutcome.Normal, z, Severity.Info, _lastValue);
        }

        private void CloseHourBefore(long timestampTicks)
        {
            if (_hourCount > 0 && timestampTicks / TimeSpan.TicksPerHour != _hour)
            {
                _slots[HourOfWeek.Of(_hour * TimeSpan.TicksPerHour)].Add(_hourSum / _hourCount);
                _hourSum = 0;
                _hourCount = 0;
            }
        }
    }
}
