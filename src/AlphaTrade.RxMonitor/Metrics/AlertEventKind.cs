namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>What raised an alert event.</summary>
public enum AlertEventKind
{
    /// <summary>The rule's condition over its series.</summary>
    Condition = 0,

    /// <summary>The rule's series went stale and its staleness policy raises a NoData alert.</summary>
    NoData = 1,

    /// <summary>The rule's detector threw; the rule is faulted and reports it as an alert of its own.</summary>
    RuleFault = 2,
}
