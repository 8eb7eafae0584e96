using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// Absence: PromQL <c>absent_over_time(selector[window])</c>: breached (value 1) when no series matching the
/// selector has a sample in <c>[t − window, t]</c>, including when no sample ever came.
/// </summary>
/// <remarks>
/// All matching series form one group, whose labels are Prometheus's for <c>absent</c>: the selector's
/// <c>=</c> matchers other than the metric name (<see cref="SeriesSelector.AbsentLabels"/>). The group exists
/// from the start, so the rule evaluates it at every evaluation-interval tick and fires before any sample.
/// When present the result is normal with value 0.
/// </remarks>
public sealed class AbsentDetector : IGroupingDetector, IWindowedDetector
{
    private readonly SeriesKey _group;

    /// <summary>Creates the detector.</summary>
    /// <param name="selector">The rule's selector (its equality matchers label the alert).</param>
    /// <param name="window">How long without any sample counts as absent; positive.</param>
    /// <param name="severity">The severity of the absence alert.</param>
    public AbsentDetector(SeriesSelector selector, TimeSpan window, Severity severity = Severity.Warning)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Selector = selector;
        Window = window;
        Severity = severity;
        var name = selector.MetricName is { } metric && MetricNames.IsValidMetricName(metric) ? metric : "absent";
        _group = SeriesKey.Create(name, selector.AbsentLabels);
        InitialGroups = [_group];
    }

    /// <summary>The selector whose series must be present.</summary>
    public SeriesSelector Selector { get; }

    /// <summary>How long without any sample counts as absent.</summary>
    public TimeSpan Window { get; }

    /// <summary>The severity of the absence alert.</summary>
    public Severity Severity { get; }

    /// <inheritdoc />
    public IReadOnlyList<SeriesKey> InitialGroups { get; }

    TimeSpan IWindowedDetector.Lookback => Window;

    /// <inheritdoc />
    public SeriesKey GetGroup(SeriesKey series) => _group;

    /// <inheritdoc />
    public ISeriesEvaluator CreateEvaluator(SeriesKey series) => new Evaluator(this);

    private sealed class Evaluator(AbsentDetector detector) : ISeriesEvaluator
    {
        private readonly long _windowTicks = detector.Window.Ticks;
        private long _lastTicks = long.MinValue;

        public void Add(long timestampTicks, double value) => _lastTicks = Math.Max(_lastTicks, timestampTicks);

        public DetectorResult Evaluate(long timestampTicks) =>
            _lastTicks == long.MinValue || timestampTicks - _lastTicks > _windowTicks
                ? DetectorResult.Breached(1, detector.Severity)
                : DetectorResult.Normal(0);
    }
}
