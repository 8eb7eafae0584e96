using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>The running figure of one roll-up bucket: count, sum, min, max, last and, unless turned off, a quantile sketch.</summary>
/// <param name="sketch">The bucket's sketch (cleared and reused for each bucket), or <see langword="null"/> without sketches.</param>
internal struct RollupFigure(DDSketch? sketch) : IWindowFigure
{
    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    public double Last { get; private set; }

    public readonly DDSketch? Sketch => sketch;

    public void Add(double value)
    {
        if (Count == 0)
        {
            Min = value;
            Max = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        Count++;
        Sum += value;
        Last = value;
        sketch?.Add(value);
    }

    public void Reset()
    {
        Count = 0;
        Sum = 0;
        sketch?.Clear();
    }
}
