using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Cross-thread ingest into the hot-path rules: the benchmark thread calls <c>Record</c> for every sample of the
/// workload, the ingest loop thread drains them into the two rules; an operation ends when all are delivered.
/// Baseline: the same rules fed from the array on one thread (no hand-off).
/// </summary>
[MemoryDiagnoser]
public class IngestThroughputBenchmarks
{
    private SeriesKey[] _keys = [];
    private MetricSample[] _baselineSamples = [];
    private MetricSample[] _samples = [];
    private IngestPipeline? _pipeline;
    private long _alerts;

    /// <summary>Samples per operation.</summary>
    [Params(20_000_000)]
    public int SampleCount { get; set; }

    /// <summary>Whether the consumer spins on a core instead of parking when idle.</summary>
    [Params(false, true)]
    public bool DedicatedSpinningConsumer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = HotPathWorkload.CreateKeys();
        _baselineSamples = HotPathWorkload.CreateSamples(SampleCount, _keys);
    }

    [IterationSetup(Target = nameof(RecordOnProducerThread))]
    public void StartPipeline()
    {
        // Fresh rules and fresh event times each iteration: samples older than a rule's state would be dropped as late.
        _samples = HotPathWorkload.CreateSamples(SampleCount, _keys, DateTimeOffset.UtcNow);
        _pipeline = new IngestPipeline(RxMonitorRules.CreateRules(), DedicatedSpinningConsumer, _ => _alerts++);
    }

    [IterationCleanup(Target = nameof(RecordOnProducerThread))]
    public void StopPipeline() => _pipeline?.Dispose();

    [Benchmark(Baseline = true)]
    public long SameThreadRules()
    {
        using var rules = new RxMonitorRules(new System.Reactive.Concurrency.HistoricalScheduler(HotPathWorkload.Start));
        rules.Run(_baselineSamples);
        return rules.Transitions;
    }

    [Benchmark]
    public long RecordOnProducerThread()
    {
        _pipeline!.RecordAll(_samples);
        _pipeline.WaitUntilDelivered();
        return _alerts;
    }
}
