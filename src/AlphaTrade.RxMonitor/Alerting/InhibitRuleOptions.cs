namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>An inhibition rule (Alertmanager semantics): a firing source alert mutes target alerts that share its <see cref="Equal"/> labels.</summary>
/// <remarks>
/// Matchers see the alert's labels plus its <c>severity</c> label (e.g. <c>severity="critical"</c>), so
/// "Critical inhibits Warning of the same series" is source <c>severity="critical"</c>, target
/// <c>severity="warning"</c>, equal <c>["alertname", "instance"]</c>. An alert never inhibits itself.
/// </remarks>
public sealed class InhibitRuleOptions
{
    /// <summary>Matchers a firing alert must match to inhibit; at least one.</summary>
    public List<string> SourceMatchers { get; set; } = [];

    /// <summary>Matchers an alert must match to be inhibited; at least one.</summary>
    public List<string> TargetMatchers { get; set; } = [];

    /// <summary>Labels whose values must be equal in source and target (an absent label equals an absent one).</summary>
    public List<string> Equal { get; set; } = [];
}
