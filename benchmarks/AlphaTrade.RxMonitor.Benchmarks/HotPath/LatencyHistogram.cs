using System.Diagnostics;
using System.Globalization;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>Collects latencies (Stopwatch ticks) and prints their distribution.</summary>
internal sealed class LatencyHistogram
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long stopwatchTicks) => _ticks.Add(stopwatchTicks);

    public string Describe(string title)
    {
        if (_ticks.Count == 0)
        {
            return $"{title}: no samples";
        }

        var sorted = _ticks.Order().ToArray();
        string At(double q) => Micros(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{title}: n={sorted.Length} p50={At(0.50)} p90={At(0.90)} p99={At(0.99)} p99.9={At(0.999)} max={Micros(sorted[^1])} (µs)");
    }

    private static string Micros(long stopwatchTicks) =>
        (stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture);
}
