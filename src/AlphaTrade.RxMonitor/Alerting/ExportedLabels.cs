using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>The labels an alert shows outside the manager: to routing, to Alertmanager-shaped JSON and to sinks.</summary>
internal static class ExportedLabels
{
    /// <summary>The labels Alertmanager sees: the alert's labels plus <c>severity</c> (unless the alert has its own).</summary>
    public static LabelSet Of(Alert alert) =>
        alert.Labels.Get(SeverityExtensions.LabelName) is null
            ? alert.Labels.With(new Label(SeverityExtensions.LabelName, alert.Severity.ToLabelValue()))
            : alert.Labels;
}
