using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>The snapshot one frame of the <see cref="LiveView"/> is drawn from.</summary>
internal sealed record LiveViewState(
    DateTimeOffset Now,
    HealthReport? Health,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<MetricSample> Latest,
    IngestStatistics Ingest,
    TimeSpan Refresh,
    string StorePath,
    IReadOnlyList<string> LogLines);
