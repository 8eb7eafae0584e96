using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Supplies <c>/alerts</c> and the event stream's alerts: the alert manager's active alerts, as it tracks them.</summary>
/// <remarks>Called on request threads, possibly concurrently, never on the ingest thread; must return copies that stay valid.</remarks>
internal interface IActiveAlertsProvider
{
    /// <summary>The alerts that are pending or firing now, silenced, inhibited and flapping ones included, each with its status.</summary>
    /// <returns>The alerts.</returns>
    IReadOnlyList<Alert> GetActiveAlerts();

    /// <summary>The receivers the alert routes to.</summary>
    /// <param name="alert">One of <see cref="GetActiveAlerts"/>.</param>
    /// <returns>The receivers' names (empty when none is known).</returns>
    IReadOnlyList<string> GetReceivers(Alert alert);

    /// <summary>The series an alert was raised on, when this process saw the event that raised it.</summary>
    /// <param name="fingerprint">The alert's fingerprint.</param>
    /// <returns>The series, or <see langword="null"/> when unknown (e.g. restored after a restart, or not raised on a series).</returns>
    SeriesKey? GetAlertSeries(ulong fingerprint);
}
