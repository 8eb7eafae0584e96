namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>Running count, mean and sum of squared deviations (Welford), as a mutable struct kept in arrays.</summary>
internal struct WelfordAccumulator
{
    private double _mean;
    private double _m2;

    public int Count { get; private set; }

    /// <summary>Restores an accumulator from published statistics (m2 = stddev²·(n − 1)).</summary>
    public static WelfordAccumulator From(HourOfWeekStatistics statistics) => statistics.Weeks <= 0
        ? default
        : new WelfordAccumulator
        {
            Count = statistics.Weeks,
            _mean = statistics.Mean,
            _m2 = statistics.Weeks < 2 || double.IsNaN(statistics.StdDev) ? 0 : statistics.StdDev * statistics.StdDev * (statistics.Weeks - 1),
        };

    public void Add(double value)
    {
        Count++;
        var delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
    }

    public readonly HourOfWeekStatistics ToStatistics(int hour) => new(
        hour,
        Count,
        Count == 0 ? double.NaN : _mean,
        Count < 2 ? double.NaN : Math.Sqrt(_m2 / (Count - 1)));
}
