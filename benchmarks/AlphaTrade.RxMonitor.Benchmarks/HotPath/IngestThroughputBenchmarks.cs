using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Cross-thread ingest into the hot-path rules: one writer (the benchmark thread) or four writer threads (each
/// owning a quarter of the series, as trading threads own their instruments) call <c>Record</c> for every sample
/// of the workload, the ingest loop thread merges the writers' rings by timestamp and drains them into the two
/// rules; an operation ends when all are delivered. Baseline: the same rules fed from the array on one thread
/// (no hand-off). samples/s = <see cref="SampleCount"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class IngestThroughputBenchmarks
{
    private const int Writers = 4;
    private SeriesKey[] _keys = [];
    private MetricSample[] _baselineSamples = [];
    private MetricSample[] _samples = [];
    private MetricSample[][] _quarters = [];
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

    [IterationSetup(Target = nameof(RecordOnFourProducerThreads))]
    public void StartPipelineForFourWriters()
    {
        StartPipeline();
        var writerOf = _keys.Select((key, index) => (key, index)).ToDictionary(static p => p.key, static p => p.index % Writers);
        _quarters = [.. Enumerable.Range(0, Writers).Select(w => _samples.Where(s => writerOf[s.Key] == w).ToArray())];
    }

    [IterationCleanup(Targets = [nameof(RecordOnProducerThread), nameof(RecordOnFourProducerThreads)])]
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

    [Benchmark]
    public long RecordOnFourProducerThreads()
    {
        var pipeline = _pipeline!;
        var writers = _quarters.Select(quarter => new Thread(() => pipeline.RecordAll(quarter))).ToArray();
        foreach (var writer in writers)
        {
            writer.Start();
        }

        foreach (var writer in writers)
        {
            writer.Join();
        }

        pipeline.WaitUntilDelivered();
        return _alerts;
    }
}
