using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Answers /alerts from a real alert manager, as the pipeline's live state does.</summary>
internal sealed class ManagerAlertsProvider(AlertManager manager) : IActiveAlertsProvider
{
    public IReadOnlyList<Alert> GetActiveAlerts() => manager.GetActiveAlerts();

    public IReadOnlyList<string> GetReceivers(Alert alert) => manager.GetReceivers(alert);

    public SeriesKey? GetAlertSeries(ulong fingerprint) => null;
}
