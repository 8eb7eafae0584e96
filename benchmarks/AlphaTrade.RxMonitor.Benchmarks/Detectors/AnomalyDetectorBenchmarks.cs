using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Detectors;

/// <summary>
/// Per-sample cost of the anomaly rule kind's evaluator (<c>Add</c> + <c>Evaluate</c>, as a rule calls them) and of the
/// <c>AnomalyScores</c> operator's model, against NAB's windowed Gaussian in the same run. A series of
/// <see cref="Samples"/> values (a daily cycle, noise, a spike every 2,000 samples) is scored per operation, after
/// the warm-up, so the figure is the steady state; ns per sample = mean / <see cref="Samples"/>.
/// </summary>
[MemoryDiagnoser]
public class AnomalyDetectorBenchmarks
{
    /// <summary>Samples per operation.</summary>
    public const int Samples = 100_000;

    private readonly double[] _values = new double[Samples];
    private readonly long[] _ticks = new long[Samples];
    private ISeriesEvaluator _evaluator = null!;
    private AnomalyModel _model = null!;
    private WindowedGaussianScorer _gaussian = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Samples; i++)
        {
            _values[i] = 100 + (30 * Math.Sin(2 * Math.PI * i / 288)) + (5 * random.NextDouble()) + (i % 2000 == 1999 ? 80 : 0);
            _ticks[i] = DateTimeOffset.UnixEpoch.UtcTicks + (i * TimeSpan.TicksPerSecond);
        }

        _evaluator = new AnomalyDetector(ThresholdCondition.Above(0.9)).CreateEvaluator(SeriesKey.Create("bench_series"));
        _model = new AnomalyModel(AnomalyDetector.DefaultWarmupSamples, AnomalyParameters.Default);
        _gaussian = new WindowedGaussianScorer();
        WindowedGaussian();
        AnomalyModelScore();
        AnomalyRuleEvaluator();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public double WindowedGaussian()
    {
        var sum = 0.0;
        foreach (var value in _values)
        {
            sum += _gaussian.Score(value);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public double AnomalyModelScore()
    {
        var sum = 0.0;
        foreach (var value in _values)
        {
            sum += _model.Score(value);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public double AnomalyRuleEvaluator()
    {
        var sum = 0.0;
        var ticks = _ticks;
        var values = _values;
        for (var i = 0; i < values.Length && i < ticks.Length; i++)
        {
            _evaluator.Add(ticks[i], values[i]);
            sum += _evaluator.Evaluate(ticks[i]).Value;
        }

        return sum;
    }
}
