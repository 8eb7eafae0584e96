using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Serves <c>/alerts</c> from <see cref="AlertManager.GetActiveAlerts"/>.</summary>
internal sealed class ActiveAlertsAdapter(AlertManager manager) : IActiveAlertsProvider
{
    public IReadOnlyCollection<AlertEvent> GetActiveAlerts() =>
        [.. manager.GetActiveAlerts().Select(static a => new AlertEvent
        {
            RuleName = a.RuleName,
            State = a.State,
            Severity = a.Severity,
            Labels = a.Labels,
            Annotations = a.Annotations,
            Value = a.Value,
            Timestamp = a.UpdatedAt,
            ActiveAt = a.ActiveAt,
            Kind = a.Kind,
            Series = a.Series,
        })];
}
