using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>Count, sum or mean of a window: a sum and a count.</summary>
/// <param name="aggregation">Which of the three <see cref="Value"/> gives.</param>
internal struct SumFigure(WindowAggregation aggregation) : IDetectorFigure
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

    public void Reset()
    {
        _sum = 0;
        Count = 0;
    }
}
