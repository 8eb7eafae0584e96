namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>The detector's fixed parameters: one set for every series (see docs/anomaly.md for why each value).</summary>
internal sealed record AnomalyParameters
{
    /// <summary>The parameters the detector runs with.</summary>
    public static readonly AnomalyParameters Default = new();

    /// <summary>Quantisation levels across the learned range.</summary>
    public int Levels { get; init; } = 24;

    /// <summary>A level is at least this many mean steps (|x − previous|) of the warm-up wide: quantise above the noise.</summary>
    public double NoiseLevels { get; init; } = 4;

    /// <summary>How far (in levels) a value must leave its current level before the level changes.</summary>
    public double Hysteresis { get; init; } = 0.25;

    /// <summary>Quantised values per context.</summary>
    public int ContextLength { get; init; } = 6;

    /// <summary>Sets of the context memory (two tags each).</summary>
    public int MemorySets { get; init; } = 512;

    /// <summary>Recent contexts the novelty rate is measured over (at most 64).</summary>
    public int NoveltyWindow { get; init; } = 16;

    /// <summary>Smoothing of the long-run novelty rate.</summary>
    public double NoveltyRateAlpha { get; init; } = 0.002;

    /// <summary>A run of novel contexts this unlikely (−log10 of its probability at the long-run rate) scores 1.</summary>
    public double SurpriseFull { get; init; } = 6;

    /// <summary>How much the usual (mean) surprise raises the surprise that scores 1.</summary>
    public double SurpriseScale { get; init; } = 14;

    /// <summary>Contexts of the overall novelty rate mixed into a level's own rate (weight of the prior).</summary>
    public double RatePrior { get; init; } = 20;

    /// <summary>Samples averaged into one value of the coarse stream (slower patterns: a day's shape, a stuck value).</summary>
    public int CoarseBlock { get; init; } = 6;

    /// <summary>A new extreme scores only beyond this fraction of the range seen so far.</summary>
    public double ExtremeMin { get; init; } = 0.005;

    /// <summary>A new extreme this far beyond the range (as a fraction of it) scores 1.</summary>
    public double ExtremeFull { get; init; } = 0.2;

    /// <summary>When the range grows past this many times the quantised span, quantisation restarts.</summary>
    public double RequantiseFactor { get; init; } = 3;

    /// <summary>A raw score at or above this is a detection.</summary>
    public double DetectionLevel { get; init; } = 0.5;

    /// <summary>Samples after a detection during which no novelty detection is reported (new extremes still are).</summary>
    public int SuppressSamples { get; init; } = 200;

    /// <summary>Scale of a score that is not a detection (its cap is this times the detection level).</summary>
    public double QuietScale { get; init; } = 0.98;
}
