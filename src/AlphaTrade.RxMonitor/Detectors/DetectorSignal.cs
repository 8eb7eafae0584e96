using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>
/// A detector's conclusion about one series at one time, as an Rx value: what <c>Detect</c> emits and what a
/// user's own detector query yields to plug in as a rule.
/// </summary>
/// <param name="Series">The series (or group) the conclusion is about; it identifies the alert.</param>
/// <param name="TimestampTicks">The evaluation (event) time in UTC ticks.</param>
/// <param name="Result">The outcome, value, severity and detail.</param>
/// <remarks>A small readonly struct: emitting one allocates nothing.</remarks>
public readonly record struct DetectorSignal(SeriesKey Series, long TimestampTicks, DetectorResult Result)
{
    /// <summary>The evaluation (event) time.</summary>
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    /// <summary>No data, normal, or breached.</summary>
    public DetectorOutcome Outcome => Result.Outcome;

    /// <summary>The evaluated value; NaN for no data.</summary>
    public double Value => Result.Value;

    /// <summary>For a breach, the breached level.</summary>
    public Severity Severity => Result.Severity;

    /// <summary>The detector's second figure (e.g. seconds to a limit), NaN when none.</summary>
    public double Detail => Result.Detail;

    /// <summary>A breach of <paramref name="series"/> at <paramref name="time"/>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="time">The evaluation time.</param>
    /// <param name="value">The evaluated value.</param>
    /// <param name="severity">The breached level.</param>
    /// <param name="detail">An optional second figure for <c>{{ $detail }}</c>.</param>
    /// <returns>The signal.</returns>
    public static DetectorSignal Breached(SeriesKey series, DateTimeOffset time, double value, Severity severity, double detail = double.NaN) =>
        new(series, time.UtcTicks, DetectorResult.Breached(value, severity, detail));

    /// <summary>A normal value of <paramref name="series"/> at <paramref name="time"/>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="time">The evaluation time.</param>
    /// <param name="value">The evaluated value.</param>
    /// <returns>The signal.</returns>
    public static DetectorSignal Normal(SeriesKey series, DateTimeOffset time, double value) =>
        new(series, time.UtcTicks, DetectorResult.Normal(value));

    /// <summary>No value for <paramref name="series"/> at <paramref name="time"/>.</summary>
    /// <param name="series">The series.</param>
    /// <param name="time">The evaluation time.</param>
    /// <returns>The signal.</returns>
    public static DetectorSignal NoData(SeriesKey series, DateTimeOffset time) =>
        new(series, time.UtcTicks, DetectorResult.NoData);
}
