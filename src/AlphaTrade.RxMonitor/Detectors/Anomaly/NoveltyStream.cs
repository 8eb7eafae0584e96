namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>
/// Context novelty at one time scale: the last few quantised levels form a context, looked up in a bounded memory;
/// the score is how unlikely the recent run of unseen contexts is, given how often contexts at these levels are new.
/// </summary>
internal sealed class NoveltyStream
{
    private readonly AnomalyParameters _p;
    private readonly int[] _bins;
    private readonly ContextMemory _memory;
    private readonly double[] _levelRate;
    private readonly long[] _levelSeen;
    private readonly double[] _expectedRing;
    private readonly double[] _choose;
    private int _binCount;
    private int _binHead;
    private int _lastBin = int.MinValue / 2;
    private ulong _novelBits;
    private double _overallRate = 1;
    private long _contexts;
    private int _expectedHead;
    private double _expectedSum;
    private double _surpriseMean;

    public NoveltyStream(AnomalyParameters parameters)
    {
        _p = parameters;
        _bins = new int[parameters.ContextLength];
        _memory = new ContextMemory(parameters.MemorySets);
        _levelRate = new double[(3 * parameters.Levels) + 1];
        _levelSeen = new long[_levelRate.Length];
        Array.Fill(_levelRate, 1.0);
        _expectedRing = new double[parameters.NoveltyWindow];
        _choose = new double[parameters.NoveltyWindow + 1];
        _choose[0] = 1;
        for (var j = 1; j < _choose.Length; j++)
        {
            _choose[j] = _choose[j - 1] * (parameters.NoveltyWindow - j + 1) / j;
        }
    }

    /// <summary>The bytes one stream takes.</summary>
    public static int BytesFor(AnomalyParameters parameters) =>
        (parameters.ContextLength * sizeof(int)) + (parameters.MemorySets * 2 * sizeof(ulong))
        + (((3 * parameters.Levels) + 1) * (sizeof(double) + sizeof(long))) + (((2 * parameters.NoveltyWindow) + 1) * sizeof(double)) + 96;

    /// <summary>Forgets the learned contexts (after the quantisation changed), keeping the novelty rates.</summary>
    public void ForgetContexts()
    {
        _memory.Clear();
        _binCount = 0;
        _lastBin = int.MinValue / 2;
    }

    /// <summary>Takes the next value, in levels from the bottom of the quantised range, and returns its novelty score in [0, 1].</summary>
    public double Observe(double position)
    {
        // Sticky quantisation: the level changes only when the value leaves the current one by a margin, so noise
        // around a level's edge does not turn one pattern into many.
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
        for (var i = _binHead; i < bins.Length; i++)
        {
            hash = (hash ^ (uint)bins[i]) * 1099511628211UL;
        }

        for (var i = 0; i < _binHead && i < bins.Length; i++)
        {
            hash = (hash ^ (uint)bins[i]) * 1099511628211UL;
        }

        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        var novel = !_memory.SeenBefore(hash);
        _novelBits = (_novelBits << 1) | (novel ? 1UL : 0UL);
        var n = _p.NoveltyWindow;
        var mask = n >= 64 ? ulong.MaxValue : (1UL << n) - 1;
        var k = (int)ulong.PopCount(_novelBits & mask);

        // The novelty expected at this level: contexts at some levels (noisy phases) are new more often than at
        // others. A level seen only a few times borrows from the overall rate (shrinkage towards it).
        var slot = bin + _p.Levels;
        var seen = Math.Min(_levelSeen[slot], 1 / _p.NoveltyRateAlpha);
        var expected = ((seen * _levelRate[slot]) + (_p.RatePrior * _overallRate)) / (seen + _p.RatePrior);
        var hit = novel ? 1.0 : 0.0;
        _levelSeen[slot]++;
        _levelRate[slot] += (hit - _levelRate[slot]) * Math.Max(_p.NoveltyRateAlpha, 1.0 / _levelSeen[slot]);
        _contexts++;
        _overallRate += (hit - _overallRate) * Math.Max(_p.NoveltyRateAlpha, 1.0 / _contexts);
        _expectedSum += expected - _expectedRing[_expectedHead];
        _expectedRing[_expectedHead] = expected;
        _expectedHead = _expectedHead + 1 == n ? 0 : _expectedHead + 1;
        expected = Math.Clamp(_expectedSum / n, 1e-3, 1 - 1e-3);
        var surprise = k <= n * expected ? 0 : -Math.Log10(BinomialTail(n, k, expected));

        // A series that is often surprising needs a bigger surprise to score: the bar rises with the usual surprise.
        var bar = _p.SurpriseFull + (_p.SurpriseScale * _surpriseMean);
        _surpriseMean += (surprise - _surpriseMean) * _p.NoveltyRateAlpha;
        return Math.Min(1, surprise / bar);
    }

    // P(X ≥ k) for X ~ Binomial(n, p), summed from the k-th term up.
    private double BinomialTail(int n, int k, double p)
    {
        var q = 1 - p;
        var ratio = p / q;
        var term = Math.Exp((k * Math.Log(p)) + ((n - k) * Math.Log(q)));
        var choose = _choose;
        var tail = 0.0;
        for (var j = k; j <= n && j < choose.Length; j++)
        {
            tail += choose[j] * term;
            term *= ratio;
        }

        return Math.Max(tail, 1e-300);
    }
}
