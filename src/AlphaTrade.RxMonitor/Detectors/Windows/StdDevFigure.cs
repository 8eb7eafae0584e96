using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>Standard deviation of a window: the full accumulator (shifted sums).</summary>
internal struct StdDevFigure : IDetectorFigure
{
    private WindowAccumulator _values;

    public readonly long Count => _values.Count;

    public void Add(double value) => _values.Add(value);

    public readonly double Value() => _values.StdDev;

    public void Reset() => _values.Reset();
}
