using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The per-series state of a <see cref="ThresholdCondition"/>: each level's consecutive count and whether it is entered.</summary>
internal sealed class LevelTracker
{
    private readonly ThresholdLevel[] _levels;
    private readonly bool _above;
    private readonly int _consecutive;
    private readonly int[] _counts;
    private readonly bool[] _entered;

    public LevelTracker(ThresholdCondition condition)
    {
        _levels = condition.LevelSpan.ToArray();
        _above = condition.Direction == ThresholdDirection.Above;
        _consecutive = condition.Consecutive;
        _counts = new int[_levels.Length];
        _entered = new bool[_levels.Length];
    }

    /// <summary>Takes one observation and returns the result (breached at the highest entered level, or normal).</summary>
    public DetectorResult Observe(double value, double detail = double.NaN)
    {
        var levels = _levels;
        var counts = _counts;
        var entered = _entered;
        var breached = false;
        var severity = Severity.Info;
        for (var i = 0; i < levels.Length && i < counts.Length && i < entered.Length; i++)
        {
            var level = levels[i];
            if (entered[i])
            {
                if (!IsBeyond(value, level.RecoveryOrThreshold))
                {
                    entered[i] = false;
                    counts[i] = 0;
                }
            }
            else
            {
                counts[i] = IsBeyond(value, level.Threshold) ? counts[i] + 1 : 0;
                entered[i] = counts[i] >= _consecutive;
            }

            if (entered[i] && (!breached || level.Severity > severity))
            {
                breached = true;
                severity = level.Severity;
            }
        }

        return breached ? new DetectorResult(DetectorOutcome.Breached, value, severity, detail) : new DetectorResult(DetectorOutcome.Normal, value, Severity.Info, double.NaN);
    }

    /// <summary>Forgets every level (after a gap without data).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Array.Clear(_entered);
    }

    private bool IsBeyond(double value, double limit) => _above ? value > limit : value < limit;
}
