using System.Diagnostics;
using System.Globalization;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Collects latencies (Stopwatch ticks) per benchmark iteration and prints the distribution of the last
/// iterations — BenchmarkDotNet's measured ones, after its warm-up (which includes JIT compilation) — with the
/// garbage collections that happened during them.
/// </summary>
internal sealed class LatencyHistogram
{
    private readonly List<(List<long> Ticks, int Gen0AtStart)> _iterations = [];

    /// <summary>Starts collecting a new iteration.</summary>
    public void StartIteration() => _iterations.Add(([], GC.CollectionCount(0)));

    public void Add(long stopwatchTicks)
    {
        if (_iterations.Count == 0)
        {
            StartIteration();
        }

        _iterations[^1].Ticks.Add(stopwatchTicks);
    }

    public string Describe(string title, int lastIterations)
    {
        var measured = _iterations.TakeLast(lastIterations).ToArray();
        var sorted = measured.SelectMany(static i => i.Ticks).Order().ToArray();
        if (sorted.Length == 0)
        {
            return $"{title}: no samples";
        }

        var collections = GC.CollectionCount(0) - measured[0].Gen0AtStart;
        string At(double q) => Micros(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{title}, last {measured.Length} of {_iterations.Count} iterations: n={sorted.Length} p50={At(0.50)} p90={At(0.90)} p99={At(0.99)} p99.9={At(0.999)} max={Micros(sorted[^1])} (µs); gen0 GCs during them: {collections}");
    }

    private static string Micros(long stopwatchTicks) =>
        (stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture);
}
