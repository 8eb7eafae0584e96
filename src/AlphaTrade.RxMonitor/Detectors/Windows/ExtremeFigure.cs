using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>Min, max or last of a window: one value kept.</summary>
/// <param name="aggregation">Which of the three is kept.</param>
internal struct ExtremeFigure(WindowAggregation aggregation) : IDetectorFigure
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

    public void Reset() => Count = 0;
}
