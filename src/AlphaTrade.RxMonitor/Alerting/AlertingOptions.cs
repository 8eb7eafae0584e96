using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaTrade.RxMonitor.Sinks;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>The alert manager's configuration: receivers and their sinks, the route tree, inhibition rules, flapping and delivery defaults.</summary>
/// <remarks>
/// Read from the <c>RxMonitor:Alerting</c> section of the application's JSON (<see cref="FromJson"/>), or bound by
/// Microsoft.Extensions.Configuration (plain settable properties, durations as Prometheus-notation strings).
/// <see cref="Validate"/> lists every problem with its JSON path; the alert manager refuses invalid options.
/// </remarks>
public sealed class AlertingOptions
{
    /// <summary>The configuration section these options live in.</summary>
    public const string SectionPath = "RxMonitor:Alerting";

    /// <summary>The receivers; when empty, one receiver named <c>default</c> without sinks is assumed.</summary>
    public List<ReceiverOptions> Receivers { get; set; } = [];

    /// <summary>The root of the route tree (its receiver defaults to <c>default</c>).</summary>
    public RouteOptions Route { get; set; } = new();

    /// <summary>The inhibition rules.</summary>
    public List<InhibitRuleOptions> InhibitRules { get; set; } = [];

    /// <summary>Flap detection.</summary>
    public FlappingOptions Flapping { get; set; } = new();

    /// <summary>Delivery defaults for every sink.</summary>
    public SinkDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The URL that links back to this monitor in webhook bodies (Alertmanager's <c>externalURL</c>).</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>Thresholds of the seed's health-snapshot checks (<see cref="AlertManager.CheckMetrics"/>).</summary>
    public HealthAlertOptions HealthAlerts { get; set; } = new();

    /// <summary>How long resolved alerts are kept in the active set for flap tracking (default <c>30m</c>).</summary>
    public string ResolvedRetention { get; set; } = "30m";

    /// <summary>Reads the <c>RxMonitor:Alerting</c> section (or <paramref name="sectionPath"/>) of a JSON document.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed; property names case-insensitive).</param>
    /// <param name="sectionPath">The section, colon-separated; a missing section yields the defaults.</param>
    /// <returns>The options, not yet validated.</returns>
    /// <exception cref="AlertingOptionsException">The JSON is malformed or a value has the wrong type; the message names the path.</exception>
    public static AlertingOptions FromJson(string json, string sectionPath = SectionPath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sectionPath);
        var prefix = sectionPath.Replace(':', '.');
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var element = document.RootElement;
            foreach (var part in sectionPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryGetPropertyIgnoreCase(element, part, out element))
                {
                    return new AlertingOptions();
                }
            }

            return element.Deserialize<AlertingOptions>(SerializerOptions) ?? new AlertingOptions();
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? prefix + p[1..] : prefix;
            throw new AlertingOptionsException([$"{path}: {FirstSentence(ex.Message)}"], ex);
        }
    }

    /// <summary>Checks the options and lists every problem, each prefixed with its JSON path.</summary>
    /// <param name="sinkTypes">The sink types that can be built (default: the built-in ones).</param>
    /// <param name="basePath">The path prefix (default <c>RxMonitor.Alerting</c>).</param>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate(IEnumerable<string>? sinkTypes = null, string basePath = "RxMonitor.Alerting")
    {
        ArgumentNullException.ThrowIfNull(basePath);
        return AlertingOptionsValidator.Validate(this, sinkTypes ?? AlertSinkRegistry.BuiltInTypes, basePath);
    }

    /// <summary>Throws when <see cref="Validate"/> finds any problem.</summary>
    /// <param name="sinkTypes">The sink types that can be built (default: the built-in ones).</param>
    /// <exception cref="AlertingOptionsException">Lists every problem.</exception>
    public void ThrowIfInvalid(IEnumerable<string>? sinkTypes = null)
    {
        var errors = Validate(sinkTypes);
        if (errors.Count > 0)
        {
            throw new AlertingOptionsException(errors);
        }
    }

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    private static bool TryGetPropertyIgnoreCase(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
