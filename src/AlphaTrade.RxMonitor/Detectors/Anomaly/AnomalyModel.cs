namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>The per-series state of the anomaly detector: turns each value into an anomaly score in [0, 1].</summary>
internal sealed class AnomalyModel
{
    private readonly AnomalyParameters _p;
    private readonly double[] _warmup;
    private readonly NoveltyStream _fine;
    private readonly NoveltyStream _coarse;
    private long _count;
    private double _lo;
    private double _width;
    private double _runMin = double.PositiveInfinity;
    private double _runMax = double.NegativeInfinity;
    private long _sinceDetection = long.MaxValue / 2;
    private double _blockSum;
    private readonly ExtremeTracker _value = new();
    private readonly ExtremeTracker _diff = new();
    private readonly ExtremeTracker _mean = new();
    private readonly ExtremeTracker _spread = new();
    private double _previous = double.NaN;
    private double _ewma = double.NaN;
    private double _ewmVar;
    private double _stepSum;
    private double _meanStep;
    private int _blockCount;
    private double _coarseScore;

    public AnomalyModel(int warmupSamples, AnomalyParameters parameters)
    {
        _p = parameters;
        _warmup = new double[warmupSamples];
        _fine = new NoveltyStream(parameters);
        _coarse = new NoveltyStream(parameters);
    }

    /// <summary>The bytes one model takes with <paramref name="warmupSamples"/> of warm-up.</summary>
    public static int BytesFor(int warmupSamples, AnomalyParameters parameters) =>
        (warmupSamples * sizeof(double)) + (2 * NoveltyStream.BytesFor(parameters)) + 160;

    /// <summary>Takes the next value and returns its anomaly score (0 during warm-up).</summary>
    public double Score(double value)
    {
        var index = _count++;
        if (index < _warmup.Length)
        {
            _warmup[index] = value;
            if (index == _warmup.Length - 1)
            {
                FinishWarmup();
            }

            return 0;
        }

        var extreme = Extreme(value);
        var novelty = Novelty(value);
        var raw = Math.Max(extreme, novelty);
        _sinceDetection++;
        if (raw >= _p.DetectionLevel && _sinceDetection > _p.SuppressSamples)
        {
            _sinceDetection = 0;
            return raw;
        }

        // Between detections the score follows the raw signal, held just under the detection level.
        return Math.Min(raw, _p.DetectionLevel) * _p.QuietScale;
    }

    private void FinishWarmup()
    {
        var warmup = _warmup;
        foreach (var v in warmup)
        {
            _value.Learn(v);
            var (diff, mean, spread) = Features(v);
            _diff.Learn(diff);
            _stepSum += Math.Abs(diff);
            _mean.Learn(mean);
            _spread.Learn(spread);
        }

        _runMin = _value.Min;
        _runMax = _value.Max;
        _meanStep = _stepSum / Math.Max(1, warmup.Length - 1);
        Requantise();
        foreach (var v in warmup)
        {
            Novelty(v);
        }
    }

    private void Requantise()
    {
        _lo = _runMin;
        var span = _runMax - _runMin;
        _width = span > 0 ? Math.Max(span / _p.Levels, _p.NoiseLevels * _meanStep) : Math.Max(Math.Abs(_runMin), 1e-9) * 1e-3;
        _fine.ForgetContexts();
        _coarse.ForgetContexts();
    }

    private double Extreme(double value)
    {
        var excess = _value.Excess(value);
        _runMin = _value.Min;
        _runMax = _value.Max;
        if (_runMax - _runMin > _p.RequantiseFactor * _width * _p.Levels)
        {
            Requantise();
        }

        var score = ExtremeScore(excess, _p.ExtremeMin);
        var (diff, mean, spread) = Features(value);
        if (_count > _warmup.Length + 1)
        {
            score = Math.Max(score, ExtremeScore(_diff.Excess(diff), _p.DiffMin) * _p.DiffWeight);
            score = Math.Max(score, ExtremeScore(_mean.Excess(mean), _p.MeanMin) * _p.MeanWeight);
            score = Math.Max(score, ExtremeScore(_spread.Excess(spread), _p.SpreadMin) * _p.SpreadWeight);
        }

        return score;
    }

    private double ExtremeScore(double excess, double min) =>
        excess < min ? 0 : Math.Min(1, 0.5 + (0.5 * excess / _p.ExtremeFull));

    private (double Diff, double Mean, double Spread) Features(double value)
    {
        var diff = double.IsNaN(_previous) ? 0 : value - _previous;
        _previous = value;
        if (double.IsNaN(_ewma))
        {
            _ewma = value;
        }

        var deviation = value - _ewma;
        _ewma += deviation * _p.FeatureAlpha;
        _ewmVar += ((deviation * deviation) - _ewmVar) * _p.FeatureAlpha;
        return (diff, _ewma, Math.Sqrt(_ewmVar));
    }

    private double Novelty(double value)
    {
        var fine = _fine.Observe((value - _lo) / _width);
        _blockSum += value;
        if (++_blockCount == _p.CoarseBlock)
        {
            _coarseScore = _coarse.Observe((_blockSum / _blockCount - _lo) / _width);
            _blockSum = 0;
            _blockCount = 0;
        }

        return Math.Max(fine, _coarseScore * _p.CoarseWeight);
    }
}
