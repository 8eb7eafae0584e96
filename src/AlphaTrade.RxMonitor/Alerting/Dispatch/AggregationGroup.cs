using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>The alerts of one route that share group labels (Alertmanager's <c>aggrGroup</c>), with its flush timer.</summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class AggregationGroup(RouteNode route, string key, LabelSet groupLabels)
{
    public RouteNode Route { get; } = route;

    public string Key { get; } = key;

    public LabelSet GroupLabels { get; } = groupLabels;

    public Dictionary<ulong, AlertEntry> Alerts { get; } = [];

    public IDisposable? Timer { get; set; }

    public bool HasFlushed { get; set; }
}
