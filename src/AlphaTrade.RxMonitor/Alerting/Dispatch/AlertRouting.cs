using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>The dispatcher's state of one alert: its routes for the labels they were matched on, and the groups that hold it.</summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class AlertRouting
{
    /// <summary>The routes for <see cref="MatchedOn"/>; <see langword="null"/> until first matched.</summary>
    public List<RouteNode>? Routes { get; set; }

    /// <summary>The matching labels the routes were computed for; a severity change makes new ones, so the routes are matched again.</summary>
    public LabelSet? MatchedOn { get; set; }

    /// <summary>The aggregation groups that hold the alert now.</summary>
    public List<AggregationGroup> Groups { get; } = [];
}
