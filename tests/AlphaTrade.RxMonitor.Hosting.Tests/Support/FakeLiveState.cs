using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>A live state the test changes while an event stream reads it.</summary>
internal sealed class FakeLiveState : ILiveStateProvider
{
    private volatile IReadOnlyList<MetricSample> _samples = [];
    private volatile IReadOnlyList<Alert> _alerts = [];
    private volatile HealthReport? _health;

    public IReadOnlyList<MetricSample> Samples { set => _samples = value; }

    public IReadOnlyList<Alert> Alerts { set => _alerts = value; }

    public HealthReport? Health { set => _health = value; }

    public Dictionary<ulong, SeriesKey> AlertSeries { get; } = [];

    public IReadOnlyList<MetricSample> GetLatestSamples() => _samples;

    public HealthReport? GetLastHealthReport() => _health;

    public IReadOnlyList<Alert> GetActiveAlerts() => _alerts;

    public IReadOnlyList<string> GetReceivers(Alert alert) => [];

    public SeriesKey? GetAlertSeries(ulong fingerprint)
    {
        lock (AlertSeries)
        {
            return AlertSeries.TryGetValue(fingerprint, out var series) ? series : null;
        }
    }

    public static HealthReport Report(HealthStatus status, string reason, DateTimeOffset at) =>
        new(status, [new ComponentHealth("system", "system", status, reason, new Dictionary<string, object>())], at);
}
