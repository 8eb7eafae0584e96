using System.Diagnostics;
using System.Globalization;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Collects latencies (Stopwatch ticks) per benchmark iteration and prints the distribution of the last
/// iterations — BenchmarkDotNet's measured ones, after its warm-up (which includes JIT compilation) — with the
/// garbage collections and the consumer's parks that happened during them (from the start to the end of each
/// iteration's benchmark call).
/// </summary>
internal sealed class LatencyHistogram
{
    private readonly List<Iteration> _iterations = [];

    /// <summary>Starts collecting a new iteration.</summary>
    /// <param name="consumerParks">The consumer's parks since start (<c>IngestStatistics.ConsumerParks</c>; 0 for one that never parks).</param>
    public void StartIteration(long consumerParks) => _iterations.Add(new Iteration(GC.CollectionCount(0), consumerParks));

    /// <summary>Ends the current iteration: the collections and parks since its start are its own.</summary>
    /// <param name="consumerParks">The consumer's parks since start.</param>
    public void EndIteration(long consumerParks)
    {
        _iterations[^1].Collections = GC.CollectionCount(0) - _iterations[^1].Gen0AtStart;
        _iterations[^1].Parks = consumerParks - _iterations[^1].ParksAtStart;
    }

    public void Add(long stopwatchTicks)
    {
        if (_iterations.Count == 0)
        {
            StartIteration(0);
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

        var collections = measured.Sum(static i => i.Collections);
        var parks = measured.Sum(static i => i.Parks);
        string At(double q) => Micros(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)]);
        return string.Create(CultureInfo.InvariantCulture,
            $"{title}, last {measured.Length} of {_iterations.Count} iterations: n={sorted.Length} p50={At(0.50)} p90={At(0.90)} p99={At(0.99)} p99.9={At(0.999)} max={Micros(sorted[^1])} (µs); gen0 GCs during them: {collections}; consumer parks during them: {parks}");
    }

    private sealed class Iteration(int gen0AtStart, long parksAtStart)
    {
        public List<long> Ticks { get; } = [];

        public int Gen0AtStart { get; } = gen0AtStart;

        public long ParksAtStart { get; } = parksAtStart;

        public int Collections { get; set; }

        public long Parks { get; set; }
    }

    private static string Micros(long stopwatchTicks) =>
        (stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture);
}
