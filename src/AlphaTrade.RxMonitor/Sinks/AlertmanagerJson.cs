using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Sinks;

/// <summary>Writes Alertmanager's JSON shapes: the webhook v4 body and the <c>/api/v2/alerts</c> postable alerts.</summary>
internal static class AlertmanagerJson
{
    /// <summary>Alertmanager's "no end" time in webhook bodies.</summary>

    public static byte[] Webhook(AlertNotification notification, Uri? externalUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var labels = notification.Alerts.Select(ExportedLabels.Of).ToList();
            json.WriteStartObject();
            json.WriteString("version", "4");
            json.WriteString("groupKey", notification.GroupKey);
            json.WriteNumber("truncatedAlerts", 0);
            json.WriteString("status", Status(notification.Status));
            json.WriteString("receiver", notification.Receiver);
            WriteLabels(json, "groupLabels", notification.GroupLabels);
            WriteMap(json, "commonLabels", Common(labels.Select(static l => (IEnumerable<KeyValuePair<string, string>>)l.ToDictionary())));
            WriteMap(json, "commonAnnotations", Common(notification.Alerts.Select(static a => (IEnumerable<KeyValuePair<string, string>>)a.Annotations)));
            json.WriteString("externalURL", externalUrl?.ToString() ?? string.Empty);
            json.WriteStartArray("alerts");
            for (var i = 0; i < notification.Alerts.Count; i++)
            {
                var alert = notification.Alerts[i];
                json.WriteStartObject();
                json.WriteString("status", Status(alert.State));
                WriteLabels(json, "labels", labels[i]);
                WriteMap(json, "annotations", alert.Annotations);
                json.WriteString("startsAt", AlertmanagerTime.Format(alert.StartsAt));
                json.WriteString("endsAt", AlertmanagerTime.FormatEnd(alert.EndsAt));
                json.WriteString("generatorURL", externalUrl?.ToString() ?? string.Empty);
                json.WriteString("fingerprint", alert.FingerprintText);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] PostableAlerts(IEnumerable<(LabelSet Labels, Alert Alert, DateTimeOffset EndsAt)> alerts, Uri? generatorUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (labels, alert, endsAt) in alerts)
            {
                json.WriteStartObject();
                WriteLabels(json, "labels", labels);
                WriteMap(json, "annotations", alert.Annotations);
                json.WriteString("startsAt", AlertmanagerTime.Format(alert.StartsAt));
                json.WriteString("endsAt", AlertmanagerTime.Format(endsAt));
                if (generatorUrl is not null)
                {
                    json.WriteString("generatorURL", generatorUrl.ToString());
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static string Status(AlertState state) => state == AlertState.Resolved ? "resolved" : "firing";


    private static void WriteLabels(Utf8JsonWriter json, string name, LabelSet labels)
    {
        json.WriteStartObject(name);
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(static kv => kv.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static Dictionary<string, string> Common(IEnumerable<IEnumerable<KeyValuePair<string, string>>> maps)
    {
        Dictionary<string, string>? common = null;
        foreach (var map in maps)
        {
            if (common is null)
            {
                common = new Dictionary<string, string>(map, StringComparer.Ordinal);
                continue;
            }

            var current = new Dictionary<string, string>(map, StringComparer.Ordinal);
            foreach (var key in common.Keys.ToList())
            {
                if (!current.TryGetValue(key, out var value) || !string.Equals(value, common[key], StringComparison.Ordinal))
                {
                    common.Remove(key);
                }
            }
        }

        return common ?? [];
    }
}
