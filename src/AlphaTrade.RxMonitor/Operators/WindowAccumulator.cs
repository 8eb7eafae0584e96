namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// The running count, sum, min, max, last value and variance of one window's samples, as a mutable struct kept
/// in a field: adding a sample is a handful of arithmetic operations, with no allocation and no division.
/// </summary>
/// <remarks>
/// The variance uses sums of deviations from the window's first value (shifted data), which stays accurate
/// for large values with a small spread, where the naive sum of squares cancels. Two accumulators merge
/// exactly (sliding windows are built from panes that way). Not thread-safe; keep it in a field and call its
/// methods on that field (a copy would not see later samples).
/// </remarks>
public struct WindowAccumulator
{
    private double _shift;
    private double _shiftedSum;
    private double _shiftedSquares;
    private double _min;
    private double _max;
    private double _last;

    /// <summary>The number of samples added.</summary>
    public long Count { get; private set; }

    /// <summary>The sum of the values; 0 when empty.</summary>
    public double Sum { get; private set; }

    /// <summary>The smallest value; NaN when empty.</summary>
    public readonly double Min => Count == 0 ? double.NaN : _min;

    /// <summary>The largest value; NaN when empty.</summary>
    public readonly double Max => Count == 0 ? double.NaN : _max;

    /// <summary>The newest value; NaN when empty.</summary>
    public readonly double Last => Count == 0 ? double.NaN : _last;

    /// <summary>The arithmetic mean; NaN when empty.</summary>
    public readonly double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The population standard deviation; NaN when empty, 0 for one sample.</summary>
    public readonly double StdDev
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            var meanShift = _shiftedSum / Count;
            var variance = (_shiftedSquares / Count) - (meanShift * meanShift);
            return variance > 0 ? Math.Sqrt(variance) : 0;
        }
    }

    /// <summary>Adds one value.</summary>
    /// <param name="value">The value (finite).</param>
    public void Add(double value)
    {
        if (Count == 0)
        {
            _shift = value;
            _min = value;
            _max = value;
        }
        else
        {
            if (value < _min)
            {
                _min = value;
            }

            if (value > _max)
            {
                _max = value;
            }
        }

        var deviation = value - _shift;
        _shiftedSum += deviation;
        _shiftedSquares += deviation * deviation;
        Sum += value;
        _last = value;
        Count++;
    }

    /// <summary>Adds every value of <paramref name="other"/>, which holds later samples (its last value wins).</summary>
    /// <param name="other">The accumulator to merge in; unchanged.</param>
    public void Merge(in WindowAccumulator other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        // Re-express the other's deviations relative to this accumulator's shift.
        var delta = other._shift - _shift;
        _shiftedSquares += other._shiftedSquares + (2 * delta * other._shiftedSum) + (other.Count * delta * delta);
        _shiftedSum += other._shiftedSum + (other.Count * delta);
        Sum += other.Sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
        _last = other._last;
        Count += other.Count;
    }

    /// <summary>Empties the accumulator.</summary>
    public void Reset() => this = default;

    /// <summary>The figure <paramref name="aggregation"/> names; <see cref="WindowAggregation.Quantile"/> is not kept here and gives NaN.</summary>
    /// <param name="aggregation">The figure.</param>
    /// <returns>The value (NaN when empty, except count and sum, which are 0).</returns>
    public readonly double Get(WindowAggregation aggregation) => aggregation switch
    {
        WindowAggregation.Count => Count,
        WindowAggregation.Sum => Sum,
        WindowAggregation.Mean => Mean,
        WindowAggregation.Min => Min,
        WindowAggregation.Max => Max,
        WindowAggregation.Last => Last,
        WindowAggregation.StdDev => StdDev,
        _ => double.NaN,
    };
}
