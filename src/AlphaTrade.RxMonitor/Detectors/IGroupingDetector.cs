using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// A detector that evaluates groups of series rather than each series: the rule engine maps every series
/// to its group and keeps one <see cref="ISeriesEvaluator"/> (and one alert) per group.
/// </summary>
/// <remarks>
/// The evaluator of a group is created with <see cref="IDetector.CreateEvaluator"/> given the group key, and
/// receives the samples of every member series. Groups listed in <see cref="InitialGroups"/> exist from the
/// start, before any sample, and are evaluated at every evaluation-interval tick: that is how an absence
/// detector fires when no sample ever came. The rule's staleness policy does not apply to groups: a grouping
/// detector decides itself what missing data means. <see cref="AbsentDetector"/> is the built-in one.
/// </remarks>
public interface IGroupingDetector : IDetector
{
    /// <summary>The groups that exist before any sample arrives.</summary>
    IReadOnlyList<SeriesKey> InitialGroups { get; }

    /// <summary>The group of <paramref name="series"/>; called once per series, the result is cached.</summary>
    /// <param name="series">A series that matched the rule's selector.</param>
    /// <returns>The group's key; its labels become the alert's labels.</returns>
    SeriesKey GetGroup(SeriesKey series);
}
