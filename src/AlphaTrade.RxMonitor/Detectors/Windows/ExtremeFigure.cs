using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>Min, max or last of a window: one value kept.</summary>
/// <param name="aggregation">Which of the three is kept.</param>
internal struct ExtremeFigure(WindowAggregation aggregation) : IDetectorFigure, IEquatable<ExtremeFigure>
{
    private readonly WindowAggregation _aggregation = aggregation;
    private double _value;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (Count == 0 || _aggregation == WindowAggregation.Last ||
            (_aggregation == WindowAggregation.Min ? value < _value : value > _value))
        {
            _value = value;
        }

        Count++;
    }

    public readonly double Value() => _value;

    /// <summary>The same aggregation, count and kept value (bit for bit).</summary>
    /// <param name="other">The other figure.</param>
    /// <returns>Whether they are the same.</returns>
    public readonly bool Equals(ExtremeFigure other) =>
        _aggregation == other._aggregation
        && Count == other.Count
        && BitConverter.DoubleToInt64Bits(_value) == BitConverter.DoubleToInt64Bits(other._value);

    public override readonly bool Equals(object? obj) => obj is ExtremeFigure other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_aggregation, Count, BitConverter.DoubleToInt64Bits(_value));

    public void Reset() => Count = 0;
}
