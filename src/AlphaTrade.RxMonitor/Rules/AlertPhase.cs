namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The phase of one alert instance in the rule's state machine (Prometheus's inactive/pending/firing).</summary>
internal enum AlertPhase
{
    Inactive = 0,
    Pending = 1,
    Firing = 2,
}
