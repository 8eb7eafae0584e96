using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>How a series moved over one trailing window: least-squares slope and percent change.</summary>
/// <param name="Series">The series.</param>
/// <param name="Window">The trailing window (1 h, 24 h, 7 d by default).</param>
/// <param name="Points">Buckets fitted (bucket means; 1-minute buckets up to 24 h, 1-hour buckets beyond).</param>
/// <param name="SlopePerHour">The fitted change per hour; NaN with fewer than two buckets.</param>
/// <param name="Start">The fitted value at the window's start; NaN without a fit.</param>
/// <param name="End">The fitted value at the window's end (now); NaN without a fit.</param>
/// <param name="PercentChange">100·(end − start)/|start|; NaN without a fit or when start is 0.</param>
public sealed record SeriesTrend(
    SeriesKey Series, TimeSpan Window, int Points, double SlopePerHour, double Start, double End, double PercentChange);
