using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Exposition;

/// <summary>
/// Cost per sample of keeping the latest value of known series on the pipeline thread, against a plain
/// single-threaded dictionary store (baseline) that is neither thread-safe for readers nor torn-read free.
/// </summary>
[MemoryDiagnoser]
public class LatestValueStoreBenchmarks
{
    private const int Operations = 1_000_000;
    private readonly Dictionary<SeriesKey, (long Ticks, double Value)> _plain = [];
    private SeriesKey[] _keys = [];
    private LatestValueStore _store = null!;

    /// <summary>Distinct series.</summary>
    [Params(1_000)]
    public int SeriesCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, SeriesCount).Select(static i => SeriesKey.Create("bench_value", new Label("series", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
        _store = new LatestValueStore(TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        foreach (var key in _keys)
        {
            _store.OnNext(new MetricSample(key, now, 0));
            _plain[key] = (now, 0);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int PlainDictionary()
    {
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        for (var i = 0; i < Operations; i++)
        {
            _plain[_keys[i % _keys.Length]] = (now + i, i);
        }

        return _plain.Count;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int StoreOnNext()
    {
        var now = TimeProvider.System.GetUtcNow().UtcTicks;
        for (var i = 0; i < Operations; i++)
        {
            _store.OnNext(new MetricSample(_keys[i % _keys.Length], now + i, i));
        }

        return _store.Count;
    }
}
