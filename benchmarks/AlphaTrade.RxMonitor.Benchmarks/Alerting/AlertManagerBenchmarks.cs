using System.Globalization;
using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Alerting;

/// <summary>
/// The alert-manager step per alert event (budget: 2 µs). 1,000 alerts on a virtual-time scheduler that is never
/// advanced (no flush runs inside the measurement), in-memory history, default options (flap detection on).
/// </summary>
[MemoryDiagnoser]
public class AlertManagerBenchmarks
{
    private const int Alerts = 1000;
    private readonly Dictionary<ulong, int> _seen = [];
    private AlertEvent[] _cycle = [];
    private AlertEvent[] _duplicates = [];
    private AlertManager _transitions = null!;
    private AlertManager _steady = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var firing = new AlertEvent[Alerts];
        var resolved = new AlertEvent[Alerts];
        for (var i = 0; i < Alerts; i++)
        {
            var labels = LabelSet.Create(
                new Label("alertname", "HighLatency"),
                new Label("instance", "db-" + i.ToString(CultureInfo.InvariantCulture)),
                new Label("job", "orders"));
            firing[i] = new AlertEvent { RuleName = "HighLatency", State = AlertState.Firing, Severity = Severity.Warning, Labels = labels, Timestamp = start, ActiveAt = start, Value = 1 };
            resolved[i] = firing[i] with { State = AlertState.Resolved };
        }

        _cycle = [.. firing, .. resolved];
        _duplicates = firing;
        var options = new AlertingOptions { Route = new RouteOptions { GroupBy = ["alertname", "instance"] } };
        _transitions = new AlertManager(options, new HistoricalScheduler(start));
        _steady = new AlertManager(options, new HistoricalScheduler(start));
        foreach (var alert in firing)
        {
            _steady.Process(alert);
            _seen[alert.Labels.Fingerprint] = 0;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transitions.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _steady.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The least any de-duplication costs: find the alert by fingerprint and count it.</summary>
    [Benchmark(Baseline = true)]
    public int FingerprintLookup()
    {
        var alert = _duplicates[_next++ % Alerts];
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, alert.Labels.Fingerprint, out _);
        return ++count;
    }

    /// <summary>An event that changes nothing (the alert already fires at that severity): refresh only.</summary>
    [Benchmark]
    public void DuplicateEvent() => _steady.Process(_duplicates[_next++ % Alerts]);

    /// <summary>Every event is a transition (fire, later resolve): history write, flap detection, suppression, routing into a group.</summary>
    [Benchmark]
    public void TransitionEvent() => _transitions.Process(_cycle[_next++ % _cycle.Length]);
}
