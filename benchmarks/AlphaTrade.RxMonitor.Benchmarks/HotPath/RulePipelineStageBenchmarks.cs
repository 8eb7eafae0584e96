using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The rule pipeline's per-sample path taken apart, over the same workload as <see cref="RulePipelineBenchmarks"/>
/// (without a profiler: each row adds one stage): the series lookup alone (<see cref="SeriesTable{TState}"/>
/// <c>Touch</c>), the two rules' window evaluators found by the series' index with one call site per rule, the same
/// evaluators called through one call site as the rule set calls them (a call site that sees two evaluator types),
/// and the whole rule pipeline. Baseline: the hand-written loop.
/// </summary>
[MemoryDiagnoser]
public class RulePipelineStageBenchmarks
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
    public long RxMonitorRulePipeline()
    {
        using var rules = new RxMonitorRules(new HistoricalScheduler(HotPathWorkload.Start));
        rules.Run(_samples);
        return rules.Transitions;
    }

    private (IChangeTrackingEvaluator[] First, IChangeTrackingEvaluator[] Second) CreateEvaluators()
    {
        var rules = RxMonitorRules.CreateRules();
        IChangeTrackingEvaluator[] For(IDetector detector) =>
            [.. _keys.Select(key => (IChangeTrackingEvaluator)detector.CreateEvaluator(key))];
        return (For(rules[0].Detector!), For(rules[1].Detector!));
    }
}
