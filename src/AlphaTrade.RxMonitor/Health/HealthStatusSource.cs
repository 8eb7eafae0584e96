using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>
/// The health monitor's latest verdicts as series, so rules and dashboards see them like any metric —
/// including Microsoft.Extensions health checks run as components.
/// </summary>
/// <remarks>
/// Emits <c>health_status</c> (overall) and <c>health_component_status{component,kind}</c>, each 0 healthy,
/// 1 degraded, 2 unhealthy, from <see cref="HealthMonitor.LastReport"/> (nothing before the first check; the
/// poll never runs checks itself). Keys are made once per component. Not thread-safe (one poller).
/// </remarks>
public sealed class HealthStatusSource : IMetricSource
{
    /// <summary>The overall status series.</summary>
    public const string OverallMetric = "health_status";

    /// <summary>The per-component status series.</summary>
    public const string ComponentMetric = "health_component_status";

    private readonly HealthMonitor _monitor;
    private readonly SeriesKey _overall = SeriesKey.Create(OverallMetric);
    private readonly Dictionary<string, SeriesKey> _components = new(StringComparer.Ordinal);

    /// <summary>Creates the source.</summary>
    /// <param name="monitor">The monitor whose latest report is emitted.</param>
    public HealthStatusSource(HealthMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
    }

    /// <inheritdoc />
    public string Name => "health";

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_monitor.LastReport is not { } report)
        {
            return;
        }

        observer.OnNext(new MetricSample(_overall, timestampTicks, (int)report.Status));
        foreach (var component in report.Components)
        {
            if (!_components.TryGetValue(component.Name, out var key))
            {
                key = SeriesKey.Create(ComponentMetric, new Label("component", component.Name), new Label("kind", component.Kind));
                _components.Add(component.Name, key);
            }

            observer.OnNext(new MetricSample(key, timestampTicks, (int)component.Status));
        }
    }
}
