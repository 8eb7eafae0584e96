using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>The aggregates of one series over one closed event-time window [start, end).</summary>
/// <param name="Series">The series.</param>
/// <param name="StartTicks">The window start, UTC ticks (inclusive).</param>
/// <param name="EndTicks">The window end, UTC ticks (exclusive).</param>
/// <param name="Count">The number of samples; at least 1 (empty windows are not emitted).</param>
/// <param name="Sum">The sum of the values.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Last">The value of the newest sample.</param>
/// <param name="StdDev">The population standard deviation.</param>
/// <param name="QuantileLevels">The quantiles requested from the operator (shared by all windows), e.g. 0.5, 0.99.</param>
/// <param name="QuantileValues">For each requested quantile, its estimate (within 1 % relative error).</param>
/// <remarks>A readonly struct: with no quantiles requested, emitting one allocates nothing.</remarks>
public readonly record struct WindowAggregate(
    SeriesKey Series,
    long StartTicks,
    long EndTicks,
    long Count,
    double Sum,
    double Mean,
    double Min,
    double Max,
    double Last,
    double StdDev,
    IReadOnlyList<double> QuantileLevels,
    IReadOnlyList<double> QuantileValues)
{
    /// <summary>The window start (inclusive).</summary>
    public DateTimeOffset Start => new(StartTicks, TimeSpan.Zero);

    /// <summary>The window end (exclusive).</summary>
    public DateTimeOffset End => new(EndTicks, TimeSpan.Zero);

    /// <summary>The estimate of quantile <paramref name="q"/>, which must be one of <see cref="QuantileLevels"/>.</summary>
    /// <param name="q">A requested quantile.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> was not requested from the operator.</exception>
    public double Quantile(double q)
    {
        for (var i = 0; i < QuantileLevels.Count; i++)
        {
            if (QuantileLevels[i] == q)
            {
                return QuantileValues[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(q), q, "This quantile was not requested from the window operator.");
    }

    /// <summary>The figure <paramref name="aggregation"/> names (for <see cref="WindowAggregation.Quantile"/>, the first requested quantile).</summary>
    /// <param name="aggregation">The figure.</param>
    /// <returns>The value.</returns>
    public double Get(WindowAggregation aggregation) => aggregation switch
    {
        WindowAggregation.Count => Count,
        WindowAggregation.Sum => Sum,
        WindowAggregation.Mean => Mean,
        WindowAggregation.Min => Min,
        WindowAggregation.Max => Max,
        WindowAggregation.Last => Last,
        WindowAggregation.StdDev => StdDev,
        _ => QuantileValues.Count > 0 ? QuantileValues[0] : double.NaN,
    };
}
