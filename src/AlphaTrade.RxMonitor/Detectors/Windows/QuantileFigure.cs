using AlphaTrade.RxMonitor.Metrics;
namespace AlphaTrade.RxMonitor.Detectors.Windows;

/// <summary>A quantile of a window: a sketch created once and cleared per window.</summary>
/// <param name="quantile">The quantile, 0 ≤ q ≤ 1.</param>
internal readonly struct QuantileFigure(double quantile) : IDetectorFigure
{
    private readonly DDSketch _sketch = new();

    public long Count => _sketch.Count;

    public void Add(double value) => _sketch.Add(value);

    public double Value() => _sketch.Quantile(quantile);

    public void Reset() => _sketch.Clear();
}
