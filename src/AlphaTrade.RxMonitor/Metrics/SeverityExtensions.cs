namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>Converts <see cref="Severity"/> to and from the lower-case <c>severity</c> label value Alertmanager users route on.</summary>
public static class SeverityExtensions
{
    /// <summary>The label name the alert manager adds for matching and for Alertmanager pushes.</summary>
    public const string LabelName = "severity";

    /// <summary>The lower-case label value: <c>info</c>, <c>warning</c>, <c>error</c>, <c>critical</c>.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The label value.</returns>
    public static string ToLabelValue(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>Parses a severity name, case-insensitively.</summary>
    /// <param name="text">The name, e.g. <c>warning</c> or <c>Critical</c>.</param>
    /// <param name="severity">The severity, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        severity = default;
        return text is not null && !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity);
    }
}
