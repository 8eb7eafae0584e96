using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>Supplies <c>/alerts</c>: the alerts that are pending or firing now, as their latest events.</summary>
internal interface IActiveAlertsProvider
{
    /// <summary>The active alerts.</summary>
    /// <returns>The latest event of each active alert.</returns>
    /// <remarks>Called on a request thread, possibly concurrently; must return a copy that stays valid.</remarks>
    IReadOnlyCollection<AlertEvent> GetActiveAlerts();
}
