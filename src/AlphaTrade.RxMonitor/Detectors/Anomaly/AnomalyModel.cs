namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>The per-series state of the anomaly detector: turns each value into an anomaly score in [0, 1].</summary>
/// <remarks>
/// The maximum of a new-extreme signal (<see cref="ExtremeTracker"/>) and the novelty of two <see cref="NoveltyStream"/>s
/// (every sample, and means of a few), with one detection per anomaly; the algorithm and its parameters are in
/// docs/anomaly.md. Not thread-safe: one caller at a time, values in time order.
/// </remarks>
internal sealed class AnomalyModel
{
    private readonly AnomalyParameters _p;
    private readonly int _warmupLength;
    private readonly NoveltyStream _fine;
    private readonly NoveltyStream _coarse;
    private readonly ExtremeTracker _value = new();
    private double[] _warmup;
    private long _count;
    private double _lo;
    private double _width;
    private double _meanStep;
    private long _sinceDetection = long.MaxValue / 2;
    private double _blockSum;
    private int _blockCount;
    private double _coarseScore;

    public AnomalyModel(int warmupSamples, AnomalyParameters parameters)
    {
        _p = parameters;
        _warmupLength = warmupSamples;
        _warmup = new double[warmupSamples];
        _fine = new NoveltyStream(parameters);
        _coarse = new NoveltyStream(parameters);
    }

    /// <summary>The bytes one model takes after its warm-up (during it, 8 more per warm-up sample).</summary>
    public static int BytesFor(AnomalyParameters parameters) => (2 * NoveltyStream.BytesFor(parameters)) + 160;

    /// <summary>Takes the next value and returns its anomaly score (0 during warm-up).</summary>
    public double Score(double value)
    {
        var index = _count++;
        if (index < _warmupLength)
        {
            _warmup[index] = value;
            if (index == _warmupLength - 1)
            {
                FinishWarmup();
            }

            return 0;
        }

        var extreme = Extreme(value);
        var novelty = Novelty(value);
        var raw = Math.Max(extreme, novelty);
        _sinceDetection++;

        // A new extreme is always news; a novel pattern only once the last detection's suppression is over.
        if (raw >= _p.DetectionLevel && (_sinceDetection > _p.SuppressSamples || extreme >= _p.DetectionLevel))
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
        var steps = 0.0;
        for (var i = 0; i < warmup.Length; i++)
        {
            _value.Learn(warmup[i]);
            steps += i > 0 ? Math.Abs(warmup[i] - warmup[i - 1]) : 0;
        }

        _meanStep = steps / Math.Max(1, warmup.Length - 1);
        Requantise();
        foreach (var v in warmup)
        {
            Novelty(v);
        }

        // The buffer is needed only until now: after the warm-up a model holds its streams and a few figures.
        _warmup = [];
    }

    private void Requantise()
    {
        _lo = _value.Min;
        var span = _value.Max - _value.Min;
        _width = span > 0 ? Math.Max(span / _p.Levels, _p.NoiseLevels * _meanStep) : Math.Max(Math.Abs(_value.Min), 1e-9) * 1e-3;
        _fine.ForgetContexts();
        _coarse.ForgetContexts();
    }

    private double Extreme(double value)
    {
        var excess = _value.Excess(value);
        if (excess > 0 && _value.Max - _value.Min > _p.RequantiseFactor * _width * _p.Levels)
        {
            Requantise();
        }

        return excess < _p.ExtremeMin ? 0 : Math.Min(1, 0.5 + (0.5 * excess / _p.ExtremeFull));
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

        return Math.Max(fine, _coarseScore);
    }
}
