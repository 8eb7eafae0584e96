using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>A detector's conclusion about one series at one evaluation time.</summary>
/// <param name="Outcome">No data, normal, or breached.</param>
/// <param name="Value">The value the condition was evaluated on (e.g. the rate); NaN for no data.</param>
/// <param name="Severity">For a breach, the level that is breached; otherwise ignored.</param>
/// <param name="Detail">
/// A detector-specific second figure, NaN when none: for example a trend's seconds until it crosses its
/// limit. Rules expose it to annotation templates as <c>{{ $detail }}</c>.
/// </param>
public readonly record struct DetectorResult(DetectorOutcome Outcome, double Value, Severity Severity, double Detail)
{
    /// <summary>No value at this time.</summary>
    public static DetectorResult NoData => new(DetectorOutcome.NoData, double.NaN, Severity.Info, double.NaN);

    /// <summary>A value for which the condition does not hold.</summary>
    /// <param name="value">The evaluated value.</param>
    /// <returns>The result.</returns>
    public static DetectorResult Normal(double value) => new(DetectorOutcome.Normal, value, Severity.Info, double.NaN);

    /// <summary>A value for which the condition holds at <paramref name="severity"/>.</summary>
    /// <param name="value">The evaluated value.</param>
    /// <param name="severity">The breached level.</param>
    /// <param name="detail">A detector-specific second figure, NaN when none.</param>
    /// <returns>The result.</returns>
    public static DetectorResult Breached(double value, Severity severity, double detail = double.NaN) =>
        new(DetectorOutcome.Breached, value, severity, detail);
}
