using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Ingest;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// The compact plain-text screen <c>rxmon run</c> redraws when standard output is a terminal: health per
/// component, active alerts, a handful of key series with sparklines, ingest figures and the last log lines.
/// </summary>
/// <remarks>Called from one thread (the view timer); it only reads snapshots of the pipeline's state.</remarks>
internal sealed class LiveView
{
    private const int SparklineLength = 30;

    private static readonly (string Title, string Metric, string? Label, string? Value)[] KeySeries =
    [
        ("CPU %", "system_cpu_usage_percent", "cpu", "total"),
        ("Memory %", "system_memory_usage_percent", null, null),
        ("Load", "system_load_average", null, null),
        ("Open fds", "process_open_fds", null, null),
        ("GC pause s", "dotnet_gc_pause_time_seconds_total", null, null),
        ("Threads", "dotnet_thread_pool_thread_count_total", null, null),
    ];

    private readonly Dictionary<string, Sparkline> _history = new(StringComparer.Ordinal);
    private readonly Sparkline _ingestRate = new(SparklineLength);
    private long _lastDelivered = -1;

    public string Render(
        DateTimeOffset now,
        HealthReport? health,
        IReadOnlyList<Alert> alerts,
        IReadOnlyList<Metrics.MetricSample> latest,
        IngestStatistics ingest,
        TimeSpan refresh,
        string storePath,
        IReadOnlyList<string> logLines)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"rxmon run   {now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC   store {storePath}   Ctrl+C to stop\n\n");
        text.Append(c, $"HEALTH  {(health is null ? "pending" : Word(health.Status))}\n");
        foreach (var component in health?.Components ?? [])
        {
            text.Append(c, $"  {component.Name,-20} {Word(component.Status),-10} {component.Reason}\n");
        }

        text.Append(c, $"\nACTIVE ALERTS  {alerts.Count}\n");
        foreach (var alert in alerts.Take(8))
        {
            var value = double.IsNaN(alert.Value) ? "-" : alert.Value.ToString("G4", c);
            text.Append(c, $"  {alert.State.ToString().ToUpperInvariant(),-8} {alert.Severity.ToString().ToLowerInvariant(),-8} {alert.RuleName,-32} value {value}  since {alert.ActiveAt.UtcDateTime:HH:mm:ss}\n");
        }

        if (alerts.Count > 8)
        {
            text.Append(c, $"  … and {alerts.Count - 8} more\n");
        }

        text.Append("\nKEY SERIES\n");
        foreach (var (title, metric, label, labelValue) in KeySeries)
        {
            var found = latest.Where(s => s.Key.Name == metric && (label is null || s.Key.Labels.Get(label) == labelValue)).Take(1).ToList();
            if (found.Count == 0)
            {
                continue;
            }

            var sample = found[0];

            if (!_history.TryGetValue(metric, out var line))
            {
                line = new Sparkline(SparklineLength);
                _history.Add(metric, line);
            }

            line.Add(sample.Value);
            text.Append(c, $"  {title,-12} {sample.Value,12:G6}  {line.Draw()}\n");
        }

        var rate = _lastDelivered >= 0 ? (ingest.Delivered - _lastDelivered) / refresh.TotalSeconds : 0;
        if (_lastDelivered >= 0)
        {
            _ingestRate.Add(rate);
        }

        _lastDelivered = ingest.Delivered;
        text.Append(c, $"  {"Samples/s",-12} {rate,12:G6}  {_ingestRate.Draw()}\n");
        text.Append(c, $"\nINGEST  delivered {ingest.Delivered}  dropped {ingest.Dropped}  series {latest.Count}\n");
        text.Append("\nLOG\n");
        foreach (var log in logLines)
        {
            text.Append("  ").Append(log).Append('\n');
        }

        return text.ToString();
    }

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "DEGRADED",
        _ => "UNHEALTHY",
    };
}
