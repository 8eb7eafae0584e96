using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Throughput of the two hot-path rules over the workload, single-threaded: the hand-written loop
/// (baseline), the typical GroupBy+Scan Rx query, and RxMonitor's rule pipeline, both fed straight from the array
/// (<see cref="ArraySampleSource"/>), and the rule pipeline behind a <c>Subject</c>. Each operation processes the
/// whole array; samples/s = <see cref="SampleCount"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class RulePipelineBenchmarks
{
    private MetricSample[] _samples = [];
    private SeriesKey[] _keys = [];

    /// <summary>Samples per operation (the 20 M).</summary>
    [Params(20_000_000)]
    public int SampleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = HotPathWorkload.CreateKeys();
        _samples = HotPathWorkload.CreateSamples(SampleCount, _keys);
    }

    [Benchmark(Baseline = true)]
    public long HandWrittenLoop()
    {
        var rules = new HandWrittenRules();
        rules.Run(_samples);
        return rules.Transitions;
    }

    [Benchmark]
    public long RxMonitorRulePipeline()
    {
        // The grid timer never comes due on a scheduler that is not advanced: this measures the per-sample path.
        using var rules = new RxMonitorRules(new HistoricalScheduler(HotPathWorkload.Start));
        rules.Run(_samples);
        return rules.Transitions;
    }

    [Benchmark]
    public long RxMonitorRulePipelineViaSubject()
    {
        using var rules = new RxMonitorRules(new HistoricalScheduler(HotPathWorkload.Start), viaSubject: true);
        rules.Run(_samples);
        return rules.Transitions;
    }

    [Benchmark]
    public long TypicalRxGroupByScan()
    {
        using var rules = new TypicalRxRules();
        rules.Run(_samples);
        return rules.Transitions;
    }
}
