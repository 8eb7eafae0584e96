using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

/// <summary>What one frame of the live view holds: fitting, scales and formatted figures.</summary>
public sealed class LiveViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_ManyAlertsAt80x24_FitsAndSumsUpTheRest()
    {
        var alerts = Enumerable.Range(0, 30).Select(static i => Alert($"Rule{i:00}", 97.123456)).ToList();

        var lines = Lines(new LiveView().Render(State(alerts, []), 80, 24));

        Assert.True(lines.Length <= 23);
        Assert.All(lines, static l => Assert.True(l.Length <= 80, l));
        Assert.StartsWith("rxmon run  2026-01-01 12:00:00 UTC", lines[0], StringComparison.Ordinal);
        Assert.Contains("ALERTS  30 active (30 firing, 0 pending)", lines);
        Assert.Contains("  … and 23 more (rxmon alerts, or /alerts)", lines);
    }

    [Fact]
    public void Render_AlertValue_IsRoundedNotRaw()
    {
        var lines = Lines(new LiveView().Render(State([Alert("HighCpu", 0.50505051)], []), 120, 40));

        Assert.Contains(lines, static l => l.Contains(" HighCpu ", StringComparison.Ordinal) && l.Contains(" 0.505  since 12:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SteadyFullCpu_DrawsAFullBarOnTheZeroToHundredScale()
    {
        var view = new LiveView();
        var cpu = SeriesKey.Create("system_cpu_usage_percent", new Label("cpu", "total"));
        string frame = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            frame = view.Render(State([], [new MetricSample(cpu, Now.AddSeconds(i), 100)]), 80, 24);
        }

        Assert.Contains("  CPU               100.0 %  █████", Lines(frame));
    }

    [Fact]
    public void Render_TinyChangeOfALargeValue_StaysNearTheBottom()
    {
        var view = new LiveView();
        var load = SeriesKey.Create("system_load_average");
        string frame = string.Empty;
        foreach (var (value, i) in new[] { 50.0, 50.04, 50.0, 50.04 }.Select(static (v, i) => (v, i)))
        {
            frame = view.Render(State([], [new MetricSample(load, Now.AddSeconds(i), value)]), 80, 24);
        }

        Assert.Contains("  Load                50.04  ▁▁▁▁", Lines(frame));
    }

    [Fact]
    public void Render_GcPauseCounter_IsShownAsARate()
    {
        var view = new LiveView();
        var pause = SeriesKey.Create("dotnet_gc_pause_time_seconds_total");
        view.Render(State([], [new MetricSample(pause, Now, 10)]), 80, 24);

        var frame = view.Render(State([], [new MetricSample(pause, Now.AddSeconds(2), 10.004)]), 80, 24);

        Assert.Contains(Lines(frame), static l => l.StartsWith("  GC pause        2.00 ms/s  ", StringComparison.Ordinal));
    }

    private static string[] Lines(string frame) => frame.TrimEnd('\n').Split('\n');

    private static LiveViewState State(IReadOnlyList<Alert> alerts, IReadOnlyList<MetricSample> latest) =>
        new(Now, null, alerts, latest, default, TimeSpan.FromSeconds(2), "rxmon.db", []);

    private static Alert Alert(string rule, double value)
    {
        var labels = LabelSet.Create(new Label("alertname", rule));
        return new Alert
        {
            Fingerprint = labels.Fingerprint,
            RuleName = rule,
            Labels = labels,
            Annotations = new Dictionary<string, string>(),
            Severity = Severity.Warning,
            State = AlertState.Firing,
            ActiveAt = Now,
            StartsAt = Now,
            UpdatedAt = Now,
            Value = value,
        };
    }
}
