using AlphaTrade.RxMonitor.Alerting;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The per-series state of a <see cref="ThresholdCondition"/>: each level's consecutive count and whether it is entered.</summary>
internal sealed class LevelTracker
{
    private readonly ThresholdCondition _condition;
    private readonly int[] _counts;
    private readonly bool[] _entered;

    public LevelTracker(ThresholdCondition condition)
    {
        _condition = condition;
        _counts = new int[condition.Levels.Count];
        _entered = new bool[condition.Levels.Count];
    }

    /// <summary>Takes one observation and returns the result (breached at the highest entered level, or normal).</summary>
    public DetectorResult Observe(double value, double detail = double.NaN)
    {
        var levels = _condition.LevelSpan;
        var breached = false;
        var severity = Severity.Info;
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (_entered[i])
            {
                if (!_condition.IsBeyond(value, level.RecoveryOrThreshold))
                {
                    _entered[i] = false;
                    _counts[i] = 0;
                }
            }
            else
            {
                _counts[i] = _condition.IsBeyond(value, level.Threshold) ? _counts[i] + 1 : 0;
                _entered[i] = _counts[i] >= _condition.Consecutive;
            }

            if (_entered[i] && (!breached || level.Severity > severity))
            {
                breached = true;
                severity = level.Severity;
            }
        }

        return breached ? DetectorResult.Breached(value, severity, detail) : DetectorResult.Normal(value);
    }

    /// <summary>Forgets every level (after a gap without data).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Array.Clear(_entered);
    }
}
