using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Throughput of the two hot-path rules over the workload, single-threaded: the hand-written loop
/// (baseline), the typical GroupBy+Scan Rx query, and RxMonitor's rule pipeline, both fed straight from the array
/// (<see cref="ArraySampleSource"/>), and the rule pipeline behind a <c>Subject</c>. Each operation processes the
/// whole array; samples/s = <see cref="SampleCount"/> / mean time.
/// </summary>
/// <remarks>
/// The stage rows take the rule pipeline's per-sample path apart (without a profiler: each row adds one stage): the
/// series lookup alone (<see cref="SeriesTable{TState}"/> <c>Touch</c>), the two rules' window evaluators found by the
/// series' index with one call site per rule, and the same evaluators called through one call site as the rule set
/// calls them (a call site that sees two evaluator types).
/// </remarks>
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
    public long SeriesLookupOnly()
    {
        var table = new SeriesTable<long>();
        foreach (var key in _keys)
        {
            table.GetOrAdd(key, 0, out _) = 0;
        }

        var samples = _samples;
        for (var i = 0; i < samples.Length; i++)
        {
            table.Touch(samples[i].Key, samples[i].TimestampTicks)++;
        }

        return table.Count;
    }

    [Benchmark]
    public long EvaluatorsOneCallSitePerRule()
    {
        var (first, second) = CreateEvaluators();
        var changed = 0L;
        var samples = _samples;
        for (var i = 0; i < samples.Length; i++)
        {
            var s = i % HotPathWorkload.SeriesCount;
            ref readonly var sample = ref samples[i];
            changed += first[s].AddAndCheckChanged(sample.TimestampTicks, sample.Value) ? 1 : 0;
            changed += second[s].AddAndCheckChanged(sample.TimestampTicks, sample.Value) ? 1 : 0;
        }

        return changed;
    }

    [Benchmark]
    public long EvaluatorsOneCallSite()
    {
        var (first, second) = CreateEvaluators();
        var byRule = new[] { first, second };
        var changed = 0L;
        var samples = _samples;
        for (var i = 0; i < samples.Length; i++)
        {
            var s = i % HotPathWorkload.SeriesCount;
            ref readonly var sample = ref samples[i];
            for (var r = 0; r < byRule.Length; r++)
            {
                changed += byRule[r][s].AddAndCheckChanged(sample.TimestampTicks, sample.Value) ? 1 : 0;
            }
        }

        return changed;
    }

    [Benchmark]
    public long TypicalRxGroupByScan()
    {
        using var rules = new TypicalRxRules();
        rules.Run(_samples);
        return rules.Transitions;
    }

    private (ChangeTrackingEvaluator[] First, ChangeTrackingEvaluator[] Second) CreateEvaluators()
    {
        var rules = RxMonitorRules.CreateRules();
        ChangeTrackingEvaluator[] For(IDetector detector) =>
            [.. _keys.Select(key => (ChangeTrackingEvaluator)detector.CreateEvaluator(key))];
        return (For(rules[0].Detector!), For(rules[1].Detector!));
    }
}
