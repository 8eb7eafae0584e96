using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>
/// The embedded monitor's settings in code, for <c>services.AddRxMonitor(options => …)</c>: the keys of the
/// <c>RxMonitor</c> configuration section as properties (the store comes from <c>UseSqliteStore</c>).
/// </summary>
/// <remarks>
/// Validated as a whole when the pipeline is built, with the same rules and messages as the section (paths start with
/// <c>RxMonitor</c>). Read through <c>IOptionsMonitor&lt;RxMonitorOptions&gt;</c>, so an options change (a bound
/// configuration that reloads) replaces the rules while the monitor runs; the other settings are read only at start.
/// </remarks>
public sealed class RxMonitorOptions
{
    /// <summary>The rules (the schema of docs/rules-config.md). Default: none besides the default rules.</summary>
    public IList<RuleOptions> Rules { get; set; } = [];

    /// <summary>The evaluation interval of rules that set none, as a duration (<c>15s</c>); null for 15 seconds.</summary>
    public string? EvaluationInterval { get; set; }

    /// <summary>Whether the built-in default rules run too (a rule of the same name replaces one). Default true.</summary>
    public bool DefaultRules { get; set; } = true;

    /// <summary>Routes, receivers, inhibitions, silences and flapping (docs/alerting.md). Read at start.</summary>
    public AlertingOptions Alerting { get; set; } = new();

    /// <summary>How often the built-in sources are polled. Read at start.</summary>
    public SourcesOptions Sources { get; set; } = new();

    /// <summary>The ingest's rings, batches and series cap. Read at start.</summary>
    public IngestOptions Ingest { get; set; } = new();

    /// <summary>The standalone HTTP server's options; null (default) for none (in ASP.NET Core, use <c>MapRxMonitor()</c>). Read at start.</summary>
    public RxMonitorHttpOptions? Http { get; set; }
}
