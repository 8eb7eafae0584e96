namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>One label of a series or an alert: a name and a value, as in Prometheus.</summary>
/// <param name="Name">The label name, e.g. <c>instance</c>.</param>
/// <param name="Value">The label value, e.g. <c>db-1</c>.</param>
public readonly record struct Label(string Name, string Value);
