using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Serves <c>/alerts</c> and <c>/api/events</c> from the pipeline's latest values, last health report, alert manager and alert series.</summary>
internal sealed class LiveStateAdapter(RxMonitorPipeline pipeline) : ILiveStateProvider
{
    public IReadOnlyList<MetricSample> GetLatestSamples() => pipeline.Latest.Snapshot();

    public HealthReport? GetLastHealthReport() => pipeline.Health.LastReport;

    public IReadOnlyList<Alert> GetActiveAlerts() => pipeline.Manager.GetActiveAlerts();

    public IReadOnlyList<string> GetReceivers(Alert alert) => pipeline.Manager.GetReceivers(alert);

    public SeriesKey? GetAlertSeries(ulong fingerprint) => pipeline.AlertSeries.Find(fingerprint);
}
