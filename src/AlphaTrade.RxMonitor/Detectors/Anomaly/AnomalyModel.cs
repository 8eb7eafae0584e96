namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>The per-series state of the anomaly detector: turns each value into an anomaly score in [0, 1].</summary>
internal sealed class AnomalyModel
{
    private readonly AnomalyParameters _p;
    private readonly double[] _warmup;
    private readonly int[] _bins;
    private readonly ContextMemory _memory;
    private long _count;
    private double _lo;
    private double _width;
    private double _runMin = double.PositiveInfinity;
    private double _runMax = double.NegativeInfinity;
    private int _binCount;
    private int _lastBin = int.MinValue / 2;
    private int _binHead;
    private ulong _novelBits;
    private readonly double[] _binRate;
    private double _novelRate = 1;
    private long _contexts;
    private readonly long[] _binSeen;
    private readonly double[] _expectedRing;
    private int _expectedHead;
    private double _expectedSum;
    private long _sinceDetection = long.MaxValue / 2;

    public AnomalyModel(int warmupSamples, AnomalyParameters parameters)
    {
        _p = parameters;
        _warmup = new double[warmupSamples];
        _bins = new int[parameters.ContextLength];
        _memory = new ContextMemory(parameters.MemorySets);
        _binRate = new double[(3 * parameters.Levels) + 1];
        _binSeen = new long[_binRate.Length];
        Array.Fill(_binRate, 1.0);
        _expectedRing = new double[parameters.NoveltyWindow];
    }

    /// <summary>The bytes one model takes with <paramref name="warmupSamples"/> of warm-up.</summary>
    public static int BytesFor(int warmupSamples, AnomalyParameters parameters) =>
        (warmupSamples * sizeof(double)) + (parameters.ContextLength * sizeof(int)) + (parameters.MemorySets * 2 * sizeof(ulong)) + 256;

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
            _runMin = Math.Min(_runMin, v);
            _runMax = Math.Max(_runMax, v);
        }

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
        _width = span > 0 ? span / _p.Levels : Math.Max(Math.Abs(_runMin), 1e-9) * 1e-3;
        _memory.Clear();
    }

    private double Extreme(double value)
    {
        var span = _runMax - _runMin;
        double excess;
        if (value > _runMax)
        {
            excess = span > 0 ? (value - _runMax) / span : 1;
            _runMax = value;
        }
        else if (value < _runMin)
        {
            excess = span > 0 ? (_runMin - value) / span : 1;
            _runMin = value;
        }
        else
        {
            return 0;
        }

        if (_runMax - _runMin > _p.RequantiseFactor * _width * _p.Levels)
        {
            Requantise();
        }

        return excess < _p.ExtremeMin ? 0 : Math.Min(1, 0.5 + (0.5 * excess / _p.ExtremeFull));
    }

    private double Novelty(double value)
    {
        // Sticky quantisation: the level changes only when the value leaves the current one by a margin, so noise
        // around a level's edge does not turn one pattern into many.
        var position = (value - _lo) / _width;
        var bin = _lastBin;
        if (position < bin - _p.Hysteresis || position >= bin + 1 + _p.Hysteresis)
        {
            bin = (int)Math.Clamp(Math.Floor(position), -_p.Levels, 2 * _p.Levels);
            _lastBin = bin;
        }

        var bins = _bins;
        bins[_binHead] = bin;
        _binHead = _binHead + 1 == bins.Length ? 0 : _binHead + 1;
        if (_binCount < bins.Length)
        {
            _binCount++;
            return 0;
        }

        var hash = 14695981039346656037UL;
        for (var i = 0; i < bins.Length; i++)
        {
            var b = bins[(_binHead + i) % bins.Length];
            hash = (hash ^ (uint)b) * 1099511628211UL;
        }

        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        var novel = !_memory.SeenBefore(hash);
        _novelBits = (_novelBits << 1) | (novel ? 1UL : 0UL);
        var n = _p.NoveltyWindow;
        var mask = n >= 64 ? ulong.MaxValue : (1UL << n) - 1;
        var k = (int)ulong.PopCount(_novelBits & mask);

        // The novelty expected at this level: contexts at some levels (noisy phases) are novel more often than at others.
        // A level seen only a few times borrows from the overall rate (shrinkage towards it).
        var slot = bin + _p.Levels;
        var seen = Math.Min(_binSeen[slot], 1 / _p.NoveltyRateAlpha);
        var expected = ((seen * _binRate[slot]) + (_p.RatePrior * _novelRate)) / (seen + _p.RatePrior);
        _binSeen[slot]++;
        _binRate[slot] += ((novel ? 1 : 0) - _binRate[slot]) * Math.Max(_p.NoveltyRateAlpha, 1.0 / _binSeen[slot]);
        _contexts++;
        _novelRate += ((novel ? 1 : 0) - _novelRate) * Math.Max(_p.NoveltyRateAlpha, 1.0 / _contexts);
        _expectedSum += expected - _expectedRing[_expectedHead];
        _expectedRing[_expectedHead] = expected;
        _expectedHead = _expectedHead + 1 == n ? 0 : _expectedHead + 1;
        expected = Math.Clamp(_expectedSum / n, 1e-3, 1 - 1e-3);
        if (k <= n * expected)
        {
            return 0;
        }

        var surprise = -Math.Log10(BinomialTail(n, k, expected));
        return Math.Min(1, surprise / _p.SurpriseFull);
    }

    // P(X ≥ k) for X ~ Binomial(n, p).
    private static double BinomialTail(int n, int k, double p)
    {
        var q = 1 - p;
        var term = Math.Pow(p, k) * Math.Pow(q, n - k);
        var coefficient = 1.0;
        for (var j = 0; j < k; j++)
        {
            coefficient = coefficient * (n - j) / (j + 1);
        }

        var tail = 0.0;
        for (var j = k; j <= n; j++)
        {
            tail += coefficient * term;
            coefficient = coefficient * (n - j) / (j + 1);
            term *= p / q;
        }

        return Math.Max(tail, 1e-300);
    }
}
