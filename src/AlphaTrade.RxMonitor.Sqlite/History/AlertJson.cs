using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Sqlite.History;

/// <summary>The JSON the store keeps in text columns: labels, annotations, id lists, matchers and alert snapshots.</summary>
/// <remarks>
/// Plain JSON objects and arrays (labels as <c>{"name":"value"}</c>), so <c>sqlite3</c> and <c>json_extract</c>
/// read them. Fingerprints are 16-digit hex strings, as Alertmanager prints them; times are unix milliseconds.
/// </remarks>
internal static class AlertJson
{
    public static void WriteLabels(Utf8JsonWriter json, LabelSet labels)
    {
        json.WriteStartObject();
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    public static void WriteAnnotations(Utf8JsonWriter json, IReadOnlyDictionary<string, string> annotations)
    {
        json.WriteStartObject();

        // A Dictionary's struct enumerator: the interface's would be boxed on every transition written.
        if (annotations is Dictionary<string, string> dictionary)
        {
            foreach (var (name, value) in dictionary)
            {
                json.WriteString(name, value);
            }
        }
        else
        {
            foreach (var (name, value) in annotations)
            {
                json.WriteString(name, value);
            }
        }

        json.WriteEndObject();
    }

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
            json.WriteStringValue(Hex(value));
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

    public static void WriteAlert(Utf8JsonWriter json, Alert alert)
    {
        json.WriteStartObject();
        json.WriteString("fingerprint", Hex(alert.Fingerprint));
        json.WriteString("rule", alert.RuleName);
        json.WritePropertyName("labels");
        WriteLabels(json, alert.Labels);
        json.WritePropertyName("annotations");
        WriteAnnotations(json, alert.Annotations);
        json.WriteNumber("severity", (int)alert.Severity);
        json.WriteNumber("state", (int)alert.State);
        json.WriteNumber("activeAt", alert.ActiveAt.ToUnixTimeMilliseconds());
        json.WriteNumber("startsAt", alert.StartsAt.ToUnixTimeMilliseconds());
        if (alert.EndsAt is { } endsAt)
        {
            json.WriteNumber("endsAt", endsAt.ToUnixTimeMilliseconds());
        }

        json.WriteNumber("updatedAt", alert.UpdatedAt.ToUnixTimeMilliseconds());
        if (double.IsFinite(alert.Value))
        {
            json.WriteNumber("value", alert.Value);
        }

        json.WriteNumber("kind", (int)alert.Kind);
        json.WriteBoolean("flapping", alert.IsFlapping);
        json.WritePropertyName("silencedBy");
        WriteStrings(json, alert.SilencedBy);
        json.WritePropertyName("inhibitedBy");
        WriteFingerprints(json, alert.InhibitedBy);
        json.WriteEndObject();
    }

    public static LabelSet ReadLabels(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadLabels(document.RootElement);
    }

    public static IReadOnlyDictionary<string, string> ReadAnnotations(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, string>();
        }

        using var document = JsonDocument.Parse(json);
        return ReadAnnotations(document.RootElement);
    }

    public static IReadOnlyList<string> ReadStrings(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return ReadStrings(document.RootElement);
    }

    public static IReadOnlyList<ulong> ReadFingerprints(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return ReadFingerprints(document.RootElement);
    }

    public static IReadOnlyList<LabelMatcher> ReadMatchers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return
        [
            .. document.RootElement.EnumerateArray().Select(static m => new LabelMatcher(
                m.GetProperty("name").GetString()!,
                Enum.Parse<Metrics.MatchOperator>(m.GetProperty("type").GetString()!),
                m.GetProperty("value").GetString()!)),
        ];
    }

    public static IReadOnlyList<Alert> ReadAlerts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(ReadAlert)];
    }

    public static string Hex(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    private static ulong ParseHex(string text) => ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static Alert ReadAlert(JsonElement element) => new()
    {
        Fingerprint = ParseHex(element.GetProperty("fingerprint").GetString()!),
        RuleName = element.GetProperty("rule").GetString()!,
        Labels = ReadLabels(element.GetProperty("labels")),
        Annotations = ReadAnnotations(element.GetProperty("annotations")),
        Severity = (Severity)element.GetProperty("severity").GetInt32(),
        State = (AlertState)element.GetProperty("state").GetInt32(),
        ActiveAt = DateTimeOffset.FromUnixTimeMilliseconds(element.GetProperty("activeAt").GetInt64()),
        StartsAt = DateTimeOffset.FromUnixTimeMilliseconds(element.GetProperty("startsAt").GetInt64()),
        EndsAt = element.TryGetProperty("endsAt", out var endsAt) ? DateTimeOffset.FromUnixTimeMilliseconds(endsAt.GetInt64()) : null,
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(element.GetProperty("updatedAt").GetInt64()),
        Value = element.TryGetProperty("value", out var value) ? value.GetDouble() : double.NaN,
        Kind = (AlertEventKind)element.GetProperty("kind").GetInt32(),
        IsFlapping = element.GetProperty("flapping").GetBoolean(),
        SilencedBy = ReadStrings(element.GetProperty("silencedBy")),
        InhibitedBy = ReadFingerprints(element.GetProperty("inhibitedBy")),
    };

    private static LabelSet ReadLabels(JsonElement element) =>
        LabelSet.Create([.. element.EnumerateObject().Select(static p => new Label(p.Name, p.Value.GetString()!))]);

    private static Dictionary<string, string> ReadAnnotations(JsonElement element) =>
        element.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetString()!, StringComparer.Ordinal);

    private static List<string> ReadStrings(JsonElement element) =>
        [.. element.EnumerateArray().Select(static e => e.GetString()!)];

    private static List<ulong> ReadFingerprints(JsonElement element) =>
        [.. element.EnumerateArray().Select(static e => ParseHex(e.GetString()!))];
}
