using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>Count, sum or mean of a window: a sum and a count.</summary>
/// <param name="aggregation">Which of the three <see cref="Value"/> gives.</param>
internal struct SumFigure(WindowAggregation aggregation) : IDetectorFigure, IEquatable<SumFigure>
{
    private readonly WindowAggregation _aggregation = aggregation;
    private double _sum;

    public long Count { get; private set; }

    public void Add(double value)
    {
        _sum += value;
        Count++;
    }

    public readonly double Value() => _aggregation switch
    {
        WindowAggregation.Count => Count,
        WindowAggregation.Sum => _sum,
        _ => _sum / Count,
    };

    /// <summary>The same aggregation, count and sum (bit for bit).</summary>
    /// <param name="other">The other figure.</param>
    /// <returns>Whether they are the same.</returns>
    public readonly bool Equals(SumFigure other) =>
        _aggregation == other._aggregation
        && Count == other.Count
        && BitConverter.DoubleToInt64Bits(_sum) == BitConverter.DoubleToInt64Bits(other._sum);

    public override readonly bool Equals(object? obj) => obj is SumFigure other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_aggregation, Count, BitConverter.DoubleToInt64Bits(_sum));

    public void Reset()
    {
        _sum = 0;
        Count = 0;
    }
}
