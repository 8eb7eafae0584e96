namespace AlphaTrade.RxMonitor.Detectors.Anomaly;

/// <summary>
/// The "beyond anything seen so far" signal: the range of a series since its start, and how far past it a new value
/// lies, as a fraction of the range.
/// </summary>
internal sealed class ExtremeTracker
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>The smallest value seen.</summary>
    public double Min => _min;

    /// <summary>The largest value seen.</summary>
    public double Max => _max;

    /// <summary>Widens the range to <paramref name="x"/> without scoring (warm-up).</summary>
    public void Learn(double x)
    {
        _min = Math.Min(_min, x);
        _max = Math.Max(_max, x);
    }

    /// <summary>Takes <paramref name="x"/> and returns how far beyond the range it lies, as a fraction of the range (0 inside).</summary>
    public double Excess(double x)
    {
        var span = _max - _min;
        double beyond;
        if (x > _max)
        {
            beyond = x - _max;
            _max = x;
        }
        else if (x < _min)
        {
            beyond = _min - x;
            _min = x;
        }
        else
        {
            return 0;
        }

        return span > 0 ? beyond / span : 1;
    }
}
