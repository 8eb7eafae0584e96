namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>One transition of one alert of one rule: pending, firing (with a severity) or resolved.</summary>
/// <remarks>
/// Rules emit these; the alert manager consumes them. An alert's identity is its <see cref="Labels"/>
/// (which hold <c>alertname</c>), so <see cref="LabelSet.Fingerprint"/> of the labels identifies it.
/// Severity is not a label: it may escalate or de-escalate inside one alert instance.
/// Events are allocated only on transitions, never per sample.
/// </remarks>
public sealed record AlertEvent
{
    /// <summary>The name of the rule that raised the event (also the <c>alertname</c> label).</summary>
    public required string RuleName { get; init; }

    /// <summary>The state the alert entered.</summary>
    public required AlertState State { get; init; }

    /// <summary>The severity at this transition (for a resolution, the last severity it fired with).</summary>
    public required Severity Severity { get; init; }

    /// <summary>The alert's identity: series labels, then rule labels, then <c>alertname</c>.</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>Annotations rendered from the rule's templates at this transition.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The value the condition was evaluated on (the detector's value), NaN when there was none.</summary>
    public double Value { get; init; } = double.NaN;

    /// <summary>The evaluation (event) time of the transition.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>When the condition started to hold (the pending time) for this alert instance.</summary>
    public required DateTimeOffset ActiveAt { get; init; }

    /// <summary>The series (or, for rules that aggregate, the group) the alert is about, when there is one.</summary>
    public SeriesKey? Series { get; init; }

    /// <summary>What raised the event.</summary>
    public AlertEventKind Kind { get; init; } = AlertEventKind.Condition;

    /// <summary>For <see cref="AlertEventKind.RuleFault"/>, the exception the detector threw.</summary>
    public Exception? Fault { get; init; }
}
