using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>An immutable snapshot of one alert instance as the alert manager tracks it.</summary>
/// <remarks>
/// Identity is <see cref="Fingerprint"/>, the Alertmanager fingerprint of <see cref="Labels"/> (which hold
/// <c>alertname</c>). Severity is not part of the identity: an alert keeps its fingerprint when it escalates.
/// A new snapshot is made on every change; snapshots are shared by history entries and notifications.
/// </remarks>
public sealed record Alert
{
    /// <summary>The fingerprint of <see cref="Labels"/> (64-bit FNV-1a, as Alertmanager computes it).</summary>
    public required ulong Fingerprint { get; init; }

    /// <summary>The rule that raised the alert (the alert "type" of the seed API; also the <c>alertname</c> label).</summary>
    public required string RuleName { get; init; }

    /// <summary>The alert's labels (its identity), including <c>alertname</c>; <c>severity</c> is not among them.</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>The annotations of the latest event.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The current (or, once resolved, the last) severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The alert's state.</summary>
    public required AlertState State { get; init; }

    /// <summary>When the condition started to hold (the pending time).</summary>
    public required DateTimeOffset ActiveAt { get; init; }

    /// <summary>When the alert started firing (Alertmanager's <c>startsAt</c>); <see cref="ActiveAt"/> while pending.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When the alert resolved (Alertmanager's <c>endsAt</c>); <see langword="null"/> while active.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The time of the latest event or change applied to the alert.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The value of the latest event, NaN when there was none.</summary>
    public double Value { get; init; } = double.NaN;

    /// <summary>What raised the alert.</summary>
    public AlertEventKind Kind { get; init; } = AlertEventKind.Condition;

    /// <summary>The series the alert was raised for (from its latest event); null for alerts without one (absence, health) and for alerts restored after a restart until their next event.</summary>
    public SeriesKey? Series { get; init; }

    /// <summary>Whether flap detection currently considers the alert flapping.</summary>
    public bool IsFlapping { get; init; }

    /// <summary>The ids of the active silences that match the alert (empty when none).</summary>
    public IReadOnlyList<string> SilencedBy { get; init; } = [];

    /// <summary>The fingerprints of the firing alerts that inhibit this one (empty when none).</summary>
    public IReadOnlyList<ulong> InhibitedBy { get; init; } = [];

    /// <summary>Whether a silence or an inhibition keeps the alert from being notified.</summary>
    public bool IsSuppressed => SilencedBy.Count > 0 || InhibitedBy.Count > 0;

    /// <summary>The fingerprint as Alertmanager prints it: 16 lower-case hex digits.</summary>
    public string FingerprintText => Fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
