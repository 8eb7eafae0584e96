using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Tests.Operators;

/// <summary>
/// One script of samples and clock ticks that every user of the tumbling-window kernel is run through, so each can be
/// checked to close the same windows as <see cref="TumblingWindow{TFigure}"/> itself: closes by a later sample, by the
/// clock after a gap, a late sample of a window the clock closed (ignored), and a last partial window.
/// </summary>
internal static class WindowScript
{
    public static readonly TimeSpan Size = TimeSpan.FromSeconds(10);

    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sample (value set) or a clock step (value NaN), at seconds after <see cref="T0"/>; then the end of input.</summary>
    public static readonly (double Seconds, double Value)[] Steps =
    [
        (1, 1), (3, 2), (10, 4), (14, 8), (35, 16), (36, 32), (60, double.NaN), (38, 64), (61, 128),
    ];

    /// <summary>The windows the kernel closes on <see cref="Steps"/>, the last one at the end of input.</summary>
    public static IReadOnlyList<ClosedWindow> KernelCloses()
    {
        var closes = new List<ClosedWindow>();
        var recorder = new Recorder(closes);
        var window = new TumblingWindow<SumCount>(Size, default);
        foreach (var (seconds, value) in Steps)
        {
            var ticks = T0.AddSeconds(seconds).UtcTicks;
            if (double.IsNaN(value))
            {
                window.CloseEnded(ticks, recorder);
            }
            else
            {
                window.Add(ticks, value, recorder);
            }
        }

        window.Close(recorder);
        return closes;
    }

    public readonly record struct ClosedWindow(DateTimeOffset Start, DateTimeOffset End, long Count, double Sum);

    private struct SumCount : IWindowFigure
    {
        public long Count { get; private set; }

        public double Sum { get; private set; }

        public void Add(double value)
        {
            Count++;
            Sum += value;
        }

        public void Reset() => (Count, Sum) = (0, 0);
    }

    private readonly struct Recorder(List<ClosedWindow> closes) : ITumblingWindowObserver<SumCount>
    {
        public void OnClosed(long startTicks, long endTicks, ref SumCount figure) =>
            closes.Add(new ClosedWindow(new DateTimeOffset(startTicks, TimeSpan.Zero), new DateTimeOffset(endTicks, TimeSpan.Zero), figure.Count, figure.Sum));
    }
}
