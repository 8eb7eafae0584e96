using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Replay;

/// <summary>Writes alert events as JSON lines: <c>{"time":…,"rule":…,"state":…,"severity":…,"labels":{…},"value":95.0}</c>.</summary>
/// <remarks>
/// Times are RFC 3339 UTC with fractional seconds only when there are any; states and severities are lower
/// case; labels are sorted by name; the value is written with a decimal point (<c>95.0</c>) and is
/// <c>null</c> when the event has none (NaN).
/// </remarks>
internal static class AlertEventJsonWriter
{
    // Label values are printed as they are (valid JSON, but without HTML-safe escapes such as \u002B for '+').
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(AlertEvent alert)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", FormatTime(alert.Timestamp));
            json.WriteString("rule", alert.RuleName);
            json.WriteString("state", alert.State switch
            {
                AlertState.Pending => "pending",
                AlertState.Firing => "firing",
                _ => "resolved",
            });
            json.WriteString("severity", alert.Severity switch
            {
                Severity.Info => "info",
                Severity.Warning => "warning",
                Severity.Error => "error",
                _ => "critical",
            });
            json.WriteStartObject("labels");
            foreach (var label in alert.Labels)
            {
                json.WriteString(label.Name, label.Value);
            }

            json.WriteEndObject();
            json.WritePropertyName("value");
            if (double.IsFinite(alert.Value))
            {
                json.WriteRawValue(FormatNumber(alert.Value));
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string FormatNumber(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : $"{text}.0";
    }
}
