using System.Globalization;
using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>
/// The one JSON shape of an alert, Alertmanager API v2's gettable alert, written by <c>/alerts</c>, the event stream,
/// <c>rxmon alerts --json</c>, the alert history endpoint and the SQLite store, and read back by the store.
/// </summary>
/// <remarks>
/// <para>
/// An alert is <c>{"labels", "annotations", "startsAt", "endsAt", "updatedAt", "fingerprint", "status": {"state",
/// "silencedBy", "inhibitedBy"}, "receivers": [{"name"}], "rxmonitor": {…}}</c>, as Alertmanager's
/// <c>GET /api/v2/alerts</c> returns it: <c>labels</c> are what silences, inhibit rules and routes match on (the alert's
/// labels plus <c>severity</c>, as pushed to Alertmanager); <c>status.state</c> is <c>suppressed</c> while a silence or
/// an inhibition holds the alert back, else <c>active</c> (<c>unprocessed</c> is never written: every alert has passed
/// the silences and inhibit rules when it is shown); <c>endsAt</c> is Alertmanager's zero time
/// (<c>0001-01-01T00:00:00Z</c>) while the alert is active; times are RFC 3339 in UTC with 100 ns precision.
/// <c>generatorURL</c> is left out (RxMonitor has no page per rule).
/// </para>
/// <para>
/// What Alertmanager has no field for is under <c>rxmonitor</c>: <c>rule</c>, <c>state</c> (the rule state:
/// <c>pending</c>, <c>firing</c>, <c>resolved</c>), <c>severity</c> (which may change while the fingerprint stays,
/// because the fingerprint is that of the labels without <c>severity</c>), <c>kind</c> (<c>condition</c>,
/// <c>noData</c>, <c>ruleFault</c>), <c>activeAt</c>, <c>value</c> (<see langword="null"/> when not a number),
/// <c>flapping</c> and <c>series</c> (<see langword="null"/> when unknown).
/// </para>
/// <para>
/// A transition is <c>{"timestamp", "change", "previousState", "previousSeverity", "alert"}</c>, its alert in the
/// shape above. Stateless and thread-safe.
/// </para>
/// </remarks>
public static class AlertJson
{
    /// <summary>The namespace of the fields Alertmanager's shape has no place for.</summary>
    public const string ExtensionName = "rxmonitor";

    /// <summary>Alertmanager's "no end" time, the <c>endsAt</c> of an active alert.</summary>

    /// <summary>Writes <paramref name="alert"/> as one JSON object.</summary>
    /// <param name="json">The writer, positioned where a value may start.</param>
    /// <param name="alert">The alert.</param>
    /// <param name="receivers">The receivers the alert routes to (empty when not known, e.g. in history).</param>
    /// <param name="series">The series the alert was raised on, when known; else the alert's own <see cref="Alert.Series"/>.</param>
    public static void WriteAlert(Utf8JsonWriter json, Alert alert, IReadOnlyList<string> receivers, SeriesKey? series = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(receivers);
        json.WriteStartObject();
        json.WritePropertyName("labels");
        WriteLabels(json, ExportedLabels.Of(alert));
        json.WritePropertyName("annotations");
        WriteAnnotations(json, alert.Annotations);
        json.WriteString("startsAt", AlertmanagerTime.Format(alert.StartsAt));
        json.WriteString("endsAt", AlertmanagerTime.FormatEnd(alert.EndsAt));
        json.WriteString("updatedAt", AlertmanagerTime.Format(alert.UpdatedAt));
        json.WriteString("fingerprint", alert.FingerprintText);

        json.WriteStartObject("status");
        json.WriteString("state", alert.IsSuppressed ? "suppressed" : "active");
        json.WriteStartArray("silencedBy");
        foreach (var id in alert.SilencedBy)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteStartArray("inhibitedBy");
        foreach (var fingerprint in alert.InhibitedBy)
        {
            json.WriteStringValue(Hex(fingerprint));
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("receivers");
        foreach (var receiver in receivers)
        {
            json.WriteStartObject();
            json.WriteString("name", receiver);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject(ExtensionName);
        json.WriteString("rule", alert.RuleName);
        json.WriteString("state", StateName(alert.State));
        json.WriteString("severity", alert.Severity.ToLabelValue());
        json.WriteString("kind", KindName(alert.Kind));
        json.WriteString("activeAt", AlertmanagerTime.Format(alert.ActiveAt));
        if (double.IsFinite(alert.Value))
        {
            json.WriteNumber("value", alert.Value);
        }
        else
        {
            json.WriteNull("value");
        }

        json.WriteBoolean("flapping", alert.IsFlapping);
        if ((series ?? alert.Series) is { } key)
        {
            json.WriteString("series", key.ToString());
        }
        else
        {
            json.WriteNull("series");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="transition"/> as one JSON object, its alert in the shape of <see cref="WriteAlert"/>.</summary>
    /// <param name="json">The writer, positioned where a value may start.</param>
    /// <param name="transition">The transition.</param>
    /// <param name="series">The series the alert was raised on, when known.</param>
    public static void WriteTransition(Utf8JsonWriter json, AlertTransition transition, SeriesKey? series = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(transition);
        json.WriteStartObject();
        json.WriteString("timestamp", AlertmanagerTime.Format(transition.Timestamp));
        json.WriteString("change", JsonNamingPolicy.CamelCase.ConvertName(transition.Change.ToString()));
        if (transition.PreviousState is { } previousState)
        {
            json.WriteString("previousState", StateName(previousState));
        }
        else
        {
            json.WriteNull("previousState");
        }

        if (transition.PreviousSeverity is { } previousSeverity)
        {
            json.WriteString("previousSeverity", previousSeverity.ToLabelValue());
        }
        else
        {
            json.WriteNull("previousSeverity");
        }

        json.WritePropertyName("alert");
        WriteAlert(json, transition.Alert, [], series);
        json.WriteEndObject();
    }

    /// <summary>Writes a label set as Alertmanager's <c>labelSet</c>: <c>{"name": "value", …}</c> in label order.</summary>
    /// <param name="json">The writer, positioned where a value may start.</param>
    /// <param name="labels">The labels.</param>
    public static void WriteLabels(Utf8JsonWriter json, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(labels);
        json.WriteStartObject();
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes annotations as Alertmanager's <c>labelSet</c>: <c>{"name": "value", …}</c>.</summary>
    /// <param name="json">The writer, positioned where a value may start.</param>
    /// <param name="annotations">The annotations.</param>
    public static void WriteAnnotations(Utf8JsonWriter json, IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(annotations);
        json.WriteStartObject();

        // A Dictionary's struct enumerator: the interface's would be boxed on every alert written.
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

    /// <summary>Reads an alert written by <see cref="WriteAlert"/>.</summary>
    /// <param name="element">The alert's JSON object.</param>
    /// <returns>The alert; its <see cref="Alert.Series"/> is the written series when it was a valid series.</returns>
    /// <exception cref="JsonException">A field is missing or has the wrong type or value; the message names it.</exception>
    public static Alert ReadAlert(JsonElement element)
    {
        var extension = Property(element, ExtensionName);
        var fingerprint = ParseHex(String(element, "fingerprint"), "fingerprint");
        var severity = SeverityExtensions.TryParseSeverity(String(extension, "severity"), out var parsed)
            ? parsed
            : throw new JsonException($"{ExtensionName}.severity: '{String(extension, "severity")}' is not info, warning, error or critical.");
        var endsAt = String(element, "endsAt");
        var status = Property(element, "status");
        return new Alert
        {
            Fingerprint = fingerprint,
            RuleName = String(extension, "rule"),
            Labels = IdentityLabels(ReadLabels(Property(element, "labels")), severity, fingerprint),
            Annotations = ReadAnnotations(Property(element, "annotations")),
            Severity = severity,
            State = Parse<AlertState>(extension, "state"),
            ActiveAt = ParseTime(String(extension, "activeAt"), "activeAt"),
            StartsAt = ParseTime(String(element, "startsAt"), "startsAt"),
            EndsAt = endsAt == AlertmanagerTime.Zero ? null : ParseTime(endsAt, "endsAt"),
            UpdatedAt = ParseTime(String(element, "updatedAt"), "updatedAt"),
            Value = Property(extension, "value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : double.NaN,
            Kind = Parse<AlertEventKind>(extension, "kind"),
            IsFlapping = Property(extension, "flapping").GetBoolean(),
            Series = Property(extension, "series") is { ValueKind: JsonValueKind.String } series && SeriesKey.TryParse(series.GetString()!, out var key) ? key : null,
            SilencedBy = [.. Property(status, "silencedBy").EnumerateArray().Select(static e => e.GetString()!)],
            InhibitedBy = [.. Property(status, "inhibitedBy").EnumerateArray().Select(static e => ParseHex(e.GetString()!, "status.inhibitedBy"))],
        };
    }

    /// <summary>Reads a label set written by <see cref="WriteLabels"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The labels.</returns>
    public static LabelSet ReadLabels(JsonElement element) =>
        LabelSet.Create([.. element.EnumerateObject().Select(static p => new Label(p.Name, p.Value.GetString()!))]);

    /// <summary>Reads annotations written by <see cref="WriteAnnotations"/>.</summary>
    /// <param name="element">The JSON object.</param>
    /// <returns>The annotations.</returns>
    public static IReadOnlyDictionary<string, string> ReadAnnotations(JsonElement element) =>
        element.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value.GetString()!, StringComparer.Ordinal);

    // The written labels carry severity unless the alert had its own; the fingerprint tells which.
    private static LabelSet IdentityLabels(LabelSet written, Severity severity, ulong fingerprint)
    {
        if (written.Fingerprint == fingerprint || written.Get(SeverityExtensions.LabelName) != severity.ToLabelValue())
        {
            return written;
        }

        return LabelSet.Create([.. written.Where(static l => l.Name != SeverityExtensions.LabelName)]);
    }

    private static string StateName(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        _ => "resolved",
    };

    private static string KindName(AlertEventKind kind) => kind switch
    {
        AlertEventKind.NoData => "noData",
        AlertEventKind.RuleFault => "ruleFault",
        _ => "condition",
    };


    private static string Hex(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new JsonException($"The alert has no '{name}'.");

    private static string String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new JsonException($"The alert's '{name}' is not a string.");

    private static T Parse<T>(JsonElement element, string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(String(element, name), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new JsonException($"The alert's '{name}' is not a known value: '{String(element, name)}'.");

    private static DateTimeOffset ParseTime(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new JsonException($"The alert's '{name}' is not an RFC 3339 time: '{text}'.");

    private static ulong ParseHex(string text, string name) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"The alert's '{name}' is not a 16-digit hex fingerprint: '{text}'.");
}
