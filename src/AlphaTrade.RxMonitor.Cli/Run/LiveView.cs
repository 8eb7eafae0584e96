using System.Globalization;
using System.Text;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>
/// The plain-text screen <c>rxmon run</c> redraws when standard output is a terminal: health, active alerts, a
/// handful of key series with sparklines, ingest figures and the last log lines, fitted to the terminal.
/// </summary>
/// <remarks>
/// <para>Fitting: every line is cut to the width; the header, health and alerts come first and are never pushed
/// off (up to a third of the rows, at least 8; alerts beyond the room are summed up as "… and N more"), then key series and ingest, then as many
/// log lines as still fit. One row is left free so drawing never scrolls the terminal.</para>
/// <para>Scales: percentages are drawn on 0–100; other series from their lowest shown value over a span of at
/// least a tenth of their magnitude and a per-series floor (see <see cref="Sparkline"/>). The GC pause counter is
/// shown as a rate (milliseconds of pause per second). Called from one thread (the view timer); it only reads
/// snapshots of the pipeline's state.</para>
/// </remarks>
internal sealed class LiveView
{
    private const int HistoryLength = 200;
    private const int TitleWidth = 12;
    private const int ValueWidth = 12;

    private static readonly KeySeries[] Series =
    [
        new("CPU", "system_cpu_usage_percent", "cpu", "total", Figure.Percent, 0),
        new("Memory", "system_memory_usage_percent", null, null, Figure.Percent, 0),
        new("Load", "system_load_average", null, null, Figure.Decimal, 1),
        new("Open fds", "process_open_fds", null, null, Figure.Count, 10),
        new("GC pause", "dotnet_gc_pause_time_seconds_total", null, null, Figure.MillisecondsPerSecond, 1),
        new("Threads", "dotnet_thread_pool_thread_count_total", null, null, Figure.Count, 10),
    ];

    private readonly Dictionary<string, SeriesHistory> _history = new(StringComparer.Ordinal);
    private readonly Sparkline _ingestRate = new(HistoryLength);
    private long _lastDelivered = -1;

    private enum Figure
    {
        Percent,
        Decimal,
        Count,
        MillisecondsPerSecond,
    }

    public string Render(LiveViewState state, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(state);
        width = Math.Max(20, width);
        var rows = Math.Max(4, height - 1);
        var c = CultureInfo.InvariantCulture;
        var top = new List<string>
        {
            string.Create(c, $"rxmon run  {state.Now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC  Ctrl+C stops  store {state.StorePath}"),
            string.Empty,
        };
        AddHealth(top, state.Health);
        top.Add(string.Empty);
        AddAlerts(top, state.Alerts, rows);

        var series = SeriesLines(state, width);
        var lines = new List<string>(top);
        var room = rows - lines.Count;
        if (room >= 2)
        {
            lines.Add(string.Empty);
            lines.AddRange(series.Take(room - 1));
        }

        room = rows - lines.Count;
        if (room >= 3 && state.LogLines.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("LOG");
            lines.AddRange(state.LogLines.Skip(Math.Max(0, state.LogLines.Count - (room - 2))).Select(static l => "  " + l));
        }

        var text = new StringBuilder();
        foreach (var line in lines.Take(rows))
        {
            text.Append(Fit(line, width)).Append('\n');
        }

        return text.ToString();
    }

    private static void AddHealth(List<string> lines, HealthReport? health)
    {
        lines.Add($"HEALTH  {(health is null ? "pending (first check after the second poll)" : Word(health.Status))}");
        if (health is null)
        {
            return;
        }

        foreach (var component in health.Components.Where(static c => c.Status != HealthStatus.Healthy))
        {
            lines.Add($"  {component.Name,-18} {Word(component.Status),-10} {component.Reason}");
        }

        var healthy = health.Components.Where(static c => c.Status == HealthStatus.Healthy).Select(static c => c.Name).ToList();
        if (healthy.Count > 0)
        {
            lines.Add($"  healthy: {string.Join(", ", healthy)}");
        }
    }

    private static void AddAlerts(List<string> lines, IReadOnlyList<Alert> alerts, int rows)
    {
        var firing = alerts.Count(static a => a.State == AlertState.Firing);
        lines.Add(alerts.Count == 0 ? "ALERTS  none active" : $"ALERTS  {alerts.Count} active ({firing} firing, {alerts.Count - firing} pending)");

        // Alerts come before everything but the header and health; keep two rows for the key series title and one line.
        var room = Math.Clamp(rows - lines.Count - 2, 1, Math.Max(8, rows / 3));
        var shown = alerts.Count <= room ? alerts.Count : room - 1;
        var c = CultureInfo.InvariantCulture;
        foreach (var alert in alerts.OrderByDescending(static a => a.State == AlertState.Firing).ThenByDescending(static a => a.Severity).Take(shown))
        {
            lines.Add(string.Create(
                c,
                $"  {alert.State.ToString().ToLowerInvariant(),-8} {alert.Severity.ToString().ToLowerInvariant(),-8} {alert.RuleName,-28} {Number(alert.Value),10}  since {alert.ActiveAt.UtcDateTime:HH:mm:ss}"));
        }

        if (shown < alerts.Count)
        {
            lines.Add($"  … and {alerts.Count - shown} more (rxmon alerts, or /alerts)");
        }
    }

    private List<string> SeriesLines(LiveViewState state, int width)
    {
        var sparkWidth = Math.Max(0, width - (2 + TitleWidth + 1 + ValueWidth + 2));
        var lines = new List<string> { "KEY SERIES" };
        foreach (var key in Series)
        {
            var found = state.Latest.FirstOrDefault(s => s.Key.Name == key.Metric && (key.Label is null || s.Key.Labels.Get(key.Label) == key.LabelValue));
            if (found.Key is null)
            {
                continue;
            }

            if (!_history.TryGetValue(key.Metric, out var history))
            {
                history = new SeriesHistory(new Sparkline(HistoryLength));
                _history.Add(key.Metric, history);
            }

            var shown = history.Next(found, key.Figure == Figure.MillisecondsPerSecond);
            if (shown is not { } value)
            {
                continue;
            }

            var line = key.Figure == Figure.Percent ? history.Line.DrawFixed(sparkWidth, 100) : history.Line.DrawFromMinimum(sparkWidth, key.MinimumSpan);
            lines.Add($"  {key.Title,-TitleWidth} {Format(value, key.Figure),ValueWidth}  {line}");
        }

        var rate = _lastDelivered >= 0 ? (state.Ingest.Delivered - _lastDelivered) / state.Refresh.TotalSeconds : 0;
        if (_lastDelivered >= 0)
        {
            _ingestRate.Add(rate);
        }

        _lastDelivered = state.Ingest.Delivered;
        var c = CultureInfo.InvariantCulture;
        lines.Add($"  {"Samples",-TitleWidth} {rate.ToString("N0", c) + "/s",ValueWidth}  {_ingestRate.DrawFromMinimum(sparkWidth, 10)}");
        lines.Add(string.Create(c, $"  ingest: {state.Ingest.Delivered:N0} delivered, {state.Ingest.Dropped:N0} dropped, {state.Latest.Count:N0} series"));
        return lines;
    }

    private static string Format(double value, Figure figure)
    {
        var c = CultureInfo.InvariantCulture;
        return figure switch
        {
            Figure.Percent => value.ToString("0.0", c) + " %",
            Figure.Decimal => value.ToString("0.00", c),
            Figure.Count => value.ToString("N0", c),
            _ => value.ToString("0.00", c) + " ms/s",
        };
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "-" : Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Fit(string line, int width) => line.Length <= width ? line : string.Concat(line.AsSpan(0, width - 1), "…");

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "DEGRADED",
        _ => "UNHEALTHY",
    };

    private sealed record KeySeries(string Title, string Metric, string? Label, string? LabelValue, Figure Figure, double MinimumSpan);

    /// <summary>One key series' sparkline, and its previous reading when it is shown as a rate.</summary>
    private sealed class SeriesHistory(Sparkline line)
    {
        private MetricSample? _previous;
        private double? _rate;

        public Sparkline Line { get; } = line;

        /// <summary>Adds the figure for <paramref name="sample"/> and returns it; a rate is null until two readings exist.</summary>
        public double? Next(MetricSample sample, bool asRate)
        {
            if (!asRate)
            {
                Line.Add(sample.Value);
                return sample.Value;
            }

            if (_previous is { } previous && sample.Timestamp > previous.Timestamp)
            {
                _rate = Math.Max(0, sample.Value - previous.Value) * 1000 / (sample.Timestamp - previous.Timestamp).TotalSeconds;
                Line.Add(_rate.Value);
            }

            if (_previous is null || sample.Timestamp > _previous.Value.Timestamp)
            {
                _previous = sample;
            }

            return _rate;
        }
    }
}
