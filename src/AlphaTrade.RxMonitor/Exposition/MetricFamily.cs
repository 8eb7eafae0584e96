using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>One metric family to expose: its name, type, help and samples.</summary>
internal sealed class MetricFamily(string name, PrometheusMetricType type, string help)
{
    public string Name { get; } = name;

    public PrometheusMetricType Type { get; } = type;

    public string Help { get; } = help;

    public List<FamilySample> Samples { get; } = [];
}
