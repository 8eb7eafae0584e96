using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// Cross-thread ingest: one writer (the benchmark thread) or four writer threads (each owning a quarter of the
/// series, as trading threads own their instruments, each writing its share) call <c>Record</c> for every sample
/// of the workload; the ingest loop thread merges the writers' rings by timestamp and hands them to the two hot-path
/// rules, or (IngestOnly rows) to one subscriber that sums the values. An operation ends when all are delivered:
/// samples/s = <see cref="SampleCount"/> / mean time, delivered in total. Baseline: the same rules fed from the array
/// on one thread (no hand-off). Floor rows: the same writers through bare single-producer rings (one per writer) to a
/// bare spinning consumer thread — no merge, no watermark, no subscriber: what the machine permits for the hand-off
/// (with four writers and a consumer on a 2-core machine, five threads share two cores; a writer whose ring is full
/// yields its core).
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
    private BareSpscSampleRings? _floor;
    private long _alerts;

    /// <summary>Samples per operation.</summary>
    [Params(20_000_000)]
    public int SampleCount { get; set; }

    /// <summary>Whether the consumer spins on a core instead of parking when idle (the floor's consumer always spins).</summary>
    [Params(false, true)]
    public bool DedicatedSpinningConsumer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = HotPathWorkload.CreateKeys();
        _baselineSamples = HotPathWorkload.CreateSamples(SampleCount, _keys);
        _quarters = [.. Enumerable.Range(0, Writers).Select(_ => new MetricSample[SampleCount / Writers])];
    }

    [IterationSetup(Targets = [nameof(RecordOnProducerThread), nameof(RecordOnFourProducerThreads)])]
    public void StartPipeline() => Start(RxMonitorRules.CreateRules());

    [IterationSetup(Targets = [nameof(IngestOnlyOneWriter), nameof(IngestOnlyFourWriters)])]
    public void StartIngestOnly() => Start(null);

    [IterationSetup(Targets = [nameof(BareRingFloorOneWriter), nameof(BareRingFloorFourWriters)])]
    public void StartFloor()
    {
        FreshSamples();
        _floor = new BareSpscSampleRings(Writers);
    }

    [IterationCleanup]
    public void Stop()
    {
        _pipeline?.Dispose();
        _pipeline = null;
        _floor?.Dispose();
        _floor = null;
    }

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
        RunWriters(_pipeline!.RecordAll);
        _pipeline.WaitUntilDelivered();
        return _alerts;
    }

    [Benchmark]
    public double IngestOnlyOneWriter()
    {
        _pipeline!.RecordAll(_samples);
        _pipeline.WaitUntilDelivered();
        return _pipeline.Sum;
    }

    [Benchmark]
    public double IngestOnlyFourWriters()
    {
        RunWriters(_pipeline!.RecordAll);
        _pipeline.WaitUntilDelivered();
        return _pipeline.Sum;
    }

    [Benchmark]
    public double BareRingFloorOneWriter()
    {
        _floor!.WriteAll(0, _samples);
        _floor.WaitUntilConsumed(_samples.Length);
        return _floor.Sum;
    }

    [Benchmark]
    public double BareRingFloorFourWriters()
    {
        var floor = _floor!;
        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() => floor.WriteAll(w, _quarters[w]))).ToArray();
        Array.ForEach(writers, static w => w.Start());
        Array.ForEach(writers, static w => w.Join());
        floor.WaitUntilConsumed(_samples.Length);
        return floor.Sum;
    }

    private void Start(Rules.AlertRule[]? rules)
    {
        FreshSamples();
        _pipeline = new IngestPipeline(rules, DedicatedSpinningConsumer, _ => _alerts++);
    }

    /// <summary>
    /// Fresh event times each iteration (the rules run on the live clock), split by series into the writers'
    /// quarters: the workload is round robin over 200 series, so series i % 4 (and sample i % 4) is writer i % 4's.
    /// </summary>
    private void FreshSamples()
    {
        _samples = HotPathWorkload.CreateSamples(SampleCount, _keys, DateTimeOffset.UtcNow);
        for (var i = 0; i < _samples.Length; i++)
        {
            _quarters[i % Writers][i / Writers] = _samples[i];
        }
    }

    private void RunWriters(Action<MetricSample[]> write)
    {
        var writers = _quarters.Select(quarter => new Thread(() => write(quarter))).ToArray();
        Array.ForEach(writers, static w => w.Start());
        Array.ForEach(writers, static w => w.Join());
    }
}
