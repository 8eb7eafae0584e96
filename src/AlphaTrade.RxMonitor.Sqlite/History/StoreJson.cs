using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sqlite.History;

/// <summary>The JSON the store keeps in text columns: labels, annotations, id lists, matchers and alert snapshots.</summary>
/// <remarks>
/// Plain JSON objects and arrays, so <c>sqlite3</c> and <c>json_extract</c> read them. Labels, annotations and the
/// alerts of a notification are in the one alert shape (<see cref="AlertJson"/>, Alertmanager v2's gettable alert);
/// the id lists of a transition row are arrays of strings (fingerprints as 16-digit hex, as Alertmanager prints them).
/// </remarks>
internal static class StoreJson
{
    public static void WriteStrings(Utf8JsonWriter json, IReadOnlyList<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    public static void WriteFingerprints(Utf8JsonWriter json, IReadOnlyList<ulong> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value.ToString("x16", CultureInfo.InvariantCulture));
        }

        json.WriteEndArray();
    }

    public static void WriteMatchers(Utf8JsonWriter json, IReadOnlyList<LabelMatcher> matchers)
    {
        json.WriteStartArray();
        foreach (var matcher in matchers)
        {
            json.WriteStartObject();
            json.WriteString("name", matcher.Name);
            json.WriteString("type", matcher.Operator.ToString());
            json.WriteString("value", matcher.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A notification's alerts: an array of gettable alerts, each with the notification's receiver.</summary>
    public static void WriteAlerts(Utf8JsonWriter json, AlertNotification notification)
    {
        string[] receivers = [notification.Receiver];
        json.WriteStartArray();
        foreach (var alert in notification.Alerts)
        {
            AlertJson.WriteAlert(json, alert, receivers);
        }

        json.WriteEndArray();
    }

    public static LabelSet ReadLabels(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AlertJson.ReadLabels(document.RootElement);
    }

    public static IReadOnlyDictionary<string, string> ReadAnnotations(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(json);
        return AlertJson.ReadAnnotations(document.RootElement);
    }

    public static IReadOnlyList<string> ReadStrings(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => e.GetString()!)];
    }

    public static IReadOnlyList<ulong> ReadFingerprints(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => ulong.Parse(e.GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))];
    }

    public static IReadOnlyList<LabelMatcher> ReadMatchers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return
        [
            .. document.RootElement.EnumerateArray().Select(static m => new LabelMatcher(
                m.GetProperty("name").GetString()!,
                Enum.Parse<MatchOperator>(m.GetProperty("type").GetString()!),
                m.GetProperty("value").GetString()!)),
        ];
    }

    public static IReadOnlyList<Alert> ReadAlerts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(AlertJson.ReadAlert)];
    }
}
