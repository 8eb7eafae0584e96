using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The consumer's side alone, on one thread: <see cref="Writers"/> writer threads have filled their rings with their
/// share of the hot-path workload (round robin over 200 series, so with four writers consecutive times alternate
/// between the rings: the merge's worst case), and an operation drains them all into one subscriber that sums the
/// values — the note of every ring's run, the k-way merge, each series' watermark check and the delivery. Baseline:
/// the same subscriber fed from an array. ns per sample = mean / <see cref="SampleCount"/>.
/// </summary>
[MemoryDiagnoser]
public class IngestDrainBenchmarks
{
    private SeriesKey[] _keys = [];
    private MetricSample[] _samples = [];
    private MetricIngest? _ingest;
    private SummingObserver _observer = new();

    /// <summary>Samples per operation.</summary>
    [Params(1_000_000)]
    public int SampleCount { get; set; }

    /// <summary>The writer threads (rings) the samples are spread over, each owning a share of the series.</summary>
    [Params(1, 4)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = HotPathWorkload.CreateKeys();
        _samples = HotPathWorkload.CreateSamples(SampleCount, _keys);
    }

    [IterationSetup(Target = nameof(DrainRings))]
    public void FillRings()
    {
        _ingest?.Dispose();
        _ingest = new MetricIngest(new IngestOptions { CapacityPerWriter = SampleCount }, TimeProvider.System);
        _observer = new SummingObserver();
        _ingest.Samples.Subscribe(_observer);
        var ingest = _ingest;
        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            for (var i = w; i < _samples.Length; i += Writers)
            {
                ref readonly var sample = ref _samples[i];
                ingest.Record(sample.Key, sample.TimestampTicks, sample.Value);
            }
        })).ToArray();
        Array.ForEach(writers, static w => w.Start());
        Array.ForEach(writers, static w => w.Join());
    }

    [Benchmark(Baseline = true)]
    public double FromArray()
    {
        var observer = new SummingObserver();
        foreach (var sample in _samples)
        {
            observer.OnNext(sample);
        }

        return observer.Sum;
    }

    [Benchmark]
    public double DrainRings()
    {
        var ingest = _ingest!;
        while (ingest.Drain() > 0)
        {
        }

        return _observer.Sum;
    }

    private sealed class SummingObserver : IObserver<MetricSample>
    {
        public double Sum { get; private set; }

        public void OnNext(MetricSample value) => Sum += value.Value;

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
