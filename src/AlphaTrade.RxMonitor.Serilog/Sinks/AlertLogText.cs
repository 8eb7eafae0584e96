using System.Globalization;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Serilog.Sinks;

/// <summary>The plain text of alert log lines: labels as <c>alertname=HighCpu instance=db-1</c>, values rounded for reading.</summary>
/// <remarks>
/// A label value holding a space, a quote or an equals sign is quoted (<c>summary="a b"</c>), as logfmt does. The
/// log event keeps the exact figures and the labels as a dictionary in its structured properties.
/// </remarks>
public static class AlertLogText
{
    /// <summary>The labels as space-separated <c>name=value</c> pairs, in the label set's (sorted) order.</summary>
    /// <param name="labels">The labels.</param>
    /// <returns>The text; empty for no labels.</returns>
    public static string Labels(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return string.Join(' ', labels.Select(static l => $"{l.Name}={Quote(l.Value)}"));
    }

    /// <summary>A value with at most four significant digits after the point (<c>0.5051</c>, <c>97.25</c>, <c>1234567</c>); <c>-</c> for NaN.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, in the invariant culture.</returns>
    public static string Value(double value) =>
        double.IsNaN(value) ? "-" : Math.Abs(value) >= 1000 ? value.ToString("0.#", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.Length == 0 || value.AsSpan().IndexOfAny(" \"=") >= 0 ? $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : value;
}
