using System.Text.Json;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Configuration;
namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>The alert manager's configuration: receivers and their sinks, the route tree, inhibition rules, flapping and delivery defaults.</summary>
/// <remarks>
/// Read from the <c>RxMonitor:Alerting</c> section of the application's JSON (<see cref="FromJson"/>), or by the
/// strict reader of the host (plain settable properties, durations as strings: <c>30s</c>, <c>1m30s</c> or <c>00:01:30</c>).
/// <see cref="Validate(KeyPath, ICollection{ConfigurationProblem}, AlertSinkRegistry)"/> lists every problem at
/// the key the user typed (<c>RxMonitor:Alerting:Route:GroupWait</c>); the alert manager refuses invalid options.
/// </remarks>
public sealed class AlertingOptions : IValidatableOptions
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

    /// <summary>Thresholds of the seed's health-snapshot checks (<c>Facade.SeedAlertManager.CheckMetrics</c>).</summary>
    public HealthAlertOptions HealthAlerts { get; set; } = new();

    /// <summary>How long resolved alerts are kept in the active set for flap tracking (default <c>30m</c>).</summary>
    public string ResolvedRetention { get; set; } = "30m";

    /// <summary>Reads the <c>RxMonitor:Alerting</c> section (or <paramref name="sectionPath"/>) of a JSON document, strictly.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed; keys match regardless of case).</param>
    /// <param name="sectionPath">The section, colon-separated; a missing section yields the defaults.</param>
    /// <returns>The options, not yet validated.</returns>
    /// <exception cref="ConfigurationException">The JSON is malformed, or holds unknown keys or values of the wrong type; each problem names its key.</exception>
    public static AlertingOptions FromJson(string json, string sectionPath = SectionPath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sectionPath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException(null, [new ConfigurationProblem(string.Empty, JsonErrorText.Describe(ex, json))], ex);
        }

        using (document)
        {
            // The sinks keep their sections (bound when validated), so the tree must outlive the document.
            ConfigurationNode? node = new JsonConfigurationNode(string.Empty, document.RootElement.Clone());
            var parts = new List<string>();
            foreach (var part in sectionPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                node = (node as JsonConfigurationNode)?.Child(part);
                parts.Add(node?.Key ?? part);
            }

            var options = new AlertingOptions();
            var problems = new List<ConfigurationProblem>();
            OptionsReader.Read(node, options, KeyPath.Section(string.Join(':', parts)), problems);
            ConfigurationException.ThrowIfAny(null, problems);
            return options;
        }
    }

    /// <summary>Checks the options with the built-in sink types; adds every problem at its key.</summary>
    /// <param name="path">The options' path, e.g. <c>RxMonitor:Alerting</c>.</param>
    /// <param name="problems">Where each problem goes.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems) => Validate(path, problems, new AlertSinkRegistry());

    /// <summary>Checks the options and binds each sink's section to the options of its type; adds every problem at its key.</summary>
    /// <param name="path">The options' path, e.g. <c>RxMonitor:Alerting</c>.</param>
    /// <param name="problems">Where each problem goes.</param>
    /// <param name="sinkTypes">The sink types that can be built.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems, AlertSinkRegistry sinkTypes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(sinkTypes);
        AlertingOptionsValidator.Validate(this, sinkTypes, path, problems);
    }

    /// <summary>Every problem of the options at <see cref="SectionPath"/>.</summary>
    /// <param name="sinkTypes">The sink types that can be built (default: the built-in ones).</param>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<ConfigurationProblem> Validate(AlertSinkRegistry? sinkTypes = null)
    {
        var problems = new List<ConfigurationProblem>();
        Validate(KeyPath.Section(SectionPath), problems, sinkTypes ?? new AlertSinkRegistry());
        return problems;
    }
}
