namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The label names rules give alerts.</summary>
public static class AlertLabels
{
    /// <summary>The rule's name, on every alert (as in Prometheus).</summary>
    public const string AlertName = "alertname";

    /// <summary>Set to <c>true</c> on a <see cref="StalenessPolicy.NoData"/> alert, so it is an alert of its own.</summary>
    public const string NoData = "nodata";

    /// <summary>Set to <c>true</c> on a rule-fault alert, so it is an alert of its own.</summary>
    public const string RuleFault = "rule_fault";
}
