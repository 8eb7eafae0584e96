using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>The active alerts as <c>/alerts</c> and the event stream show them: most severe first, then oldest first, each in <see cref="AlertJson"/>'s shape.</summary>
internal static class ActiveAlertsJson
{
    public static void Write(Utf8JsonWriter json, IActiveAlertsProvider provider, IReadOnlyList<Alert> alerts)
    {
        json.WriteStartArray();
        foreach (var alert in alerts
            .OrderByDescending(static a => a.Severity)
            .ThenBy(static a => a.ActiveAt)
            .ThenBy(static a => a.Fingerprint))
        {
            AlertJson.WriteAlert(json, alert, provider.GetReceivers(alert), provider.GetAlertSeries(alert.Fingerprint));
        }

        json.WriteEndArray();
    }
}
