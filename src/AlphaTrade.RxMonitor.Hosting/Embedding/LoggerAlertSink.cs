using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using Microsoft.Extensions.Logging;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// Writes each notification's alerts to the application's log (firing as Warning, resolved as Information): the
/// embedded monitor's sink when neither configuration nor code names one.
/// </summary>
/// <remarks>Called on the sink's own consumer, never on the pipeline thread.</remarks>
internal sealed class LoggerAlertSink(ILogger logger) : IAlertSink
{
    public string Name => "log";

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            if (alert.State == Metrics.AlertState.Firing)
            {
                RxMonitorLog.AlertFiring(logger, alert.RuleName, alert.Severity, alert.Value, alert.Labels.ToString());
            }
            else
            {
                RxMonitorLog.AlertResolved(logger, alert.RuleName, alert.Severity, alert.Value, alert.Labels.ToString());
            }
        }

        return ValueTask.CompletedTask;
    }
}
