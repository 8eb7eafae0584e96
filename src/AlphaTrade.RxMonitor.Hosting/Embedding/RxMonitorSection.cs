using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Sqlite;

namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>The keys of the <c>RxMonitor</c> section, as the strict reader reads them (one property per key).</summary>
/// <remarks>A section that is absent stays null (<see cref="Sqlite"/>, <see cref="Http"/>: the store or the HTTP server is then off unless forced).</remarks>
internal sealed class RxMonitorSection
{
    public List<RuleOptions> Rules { get; set; } = [];

    public string? EvaluationInterval { get; set; }

    public bool? DefaultRules { get; set; }

    public AlertingOptions Alerting { get; set; } = new();

    public SqliteStoreOptions? Sqlite { get; set; }

    public RxMonitorHttpOptions? Http { get; set; }

    public SourcesOptions Sources { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();
}
