using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting.Store;

/// <summary>The alert manager's mutable state of one alert; snapshots (<see cref="Alert"/>) are made only when needed.</summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class AlertEntry
{
    private Alert? _snapshot;

    public AlertEntry(AlertEvent alertEvent)
    {
        Fingerprint = alertEvent.Labels.Fingerprint;
        RuleName = alertEvent.RuleName;
        Labels = alertEvent.Labels;
        Severity = alertEvent.Severity;
        MatchLabels = WithSeverity(Labels, Severity);
        Annotations = alertEvent.Annotations;
        Series = alertEvent.Series;
    }

    /// <summary>Recreates an entry from a recorded snapshot (restart recovery).</summary>
    public AlertEntry(Alert alert)
    {
        Fingerprint = alert.Fingerprint;
        RuleName = alert.RuleName;
        Labels = alert.Labels;
        Severity = alert.Severity;
        MatchLabels = WithSeverity(Labels, Severity);
        Annotations = alert.Annotations;
        State = alert.State;
        ActiveAt = alert.ActiveAt;
        StartsAt = alert.StartsAt;
        EndsAt = alert.EndsAt;
        UpdatedAt = alert.UpdatedAt;
        Value = alert.Value;
        Kind = alert.Kind;
        Series = alert.Series;
    }

    public ulong Fingerprint { get; }

    public string RuleName { get; }

    public LabelSet Labels { get; }

    /// <summary>Labels plus the <c>severity</c> label: what routes, silences and inhibit rules match on.</summary>
    public LabelSet MatchLabels { get; private set; }

    public IReadOnlyDictionary<string, string> Annotations { get; private set; }

    public Severity Severity { get; private set; }

    public AlertState State { get; private set; }

    public DateTimeOffset ActiveAt { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public double Value { get; private set; } = double.NaN;

    public AlertEventKind Kind { get; private set; }

    public SeriesKey? Series { get; private set; }

    /// <summary>Restored after a restart and not yet raised again by its rule (see <see cref="RestartRules"/>).</summary>
    public bool AwaitsConfirmation { get; set; }

    public FlapDetector? Flap { get; set; }

    public IDisposable? FlapTimer { get; set; }

    public bool IsFlapping => Flap?.IsFlapping == true;

    public string[] SilencedBy { get; private set; } = [];

    public ulong[] InhibitedBy { get; private set; } = [];

    public bool IsSuppressed => SilencedBy.Length > 0 || InhibitedBy.Length > 0;

    /// <summary>The flap level: 0 when not firing, 1 + severity when firing.</summary>
    public byte Level => State == AlertState.Firing ? (byte)(1 + (int)Severity) : (byte)0;

    /// <summary>Applies an event's new state, severity and data; the caller decided what changed.</summary>
    public void Apply(AlertEvent alertEvent, bool newInstance)
    {
        if (newInstance)
        {
            ActiveAt = alertEvent.ActiveAt;
            StartsAt = alertEvent.ActiveAt;
            EndsAt = null;
        }

        if (alertEvent.State == AlertState.Firing && State != AlertState.Firing)
        {
            StartsAt = alertEvent.Timestamp;
        }

        if (alertEvent.State == AlertState.Resolved)
        {
            EndsAt = alertEvent.Timestamp;
        }

        State = alertEvent.State;
        if (Severity != alertEvent.Severity)
        {
            Severity = alertEvent.Severity;
            MatchLabels = WithSeverity(Labels, Severity);
        }

        Touch(alertEvent);
    }

    /// <summary>Updates the data of an unchanged alert (a duplicate event) without allocating.</summary>
    public void Touch(AlertEvent alertEvent)
    {
        Annotations = alertEvent.Annotations;
        Value = alertEvent.Value;
        Kind = alertEvent.Kind;
        Series = alertEvent.Series ?? Series;
        UpdatedAt = alertEvent.Timestamp;
        _snapshot = null;
    }

    public bool SetSuppression(string[] silencedBy, ulong[] inhibitedBy)
    {
        if (silencedBy.AsSpan().SequenceEqual(SilencedBy) && inhibitedBy.AsSpan().SequenceEqual(InhibitedBy))
        {
            return false;
        }

        SilencedBy = silencedBy;
        InhibitedBy = inhibitedBy;
        _snapshot = null;
        return true;
    }

    public void Invalidate() => _snapshot = null;

    public Alert Snapshot() => _snapshot ??= new Alert
    {
        Fingerprint = Fingerprint,
        RuleName = RuleName,
        Labels = Labels,
        Annotations = Annotations,
        Severity = Severity,
        State = State,
        ActiveAt = ActiveAt,
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        UpdatedAt = UpdatedAt,
        Value = Value,
        Kind = Kind,
        Series = Series,
        IsFlapping = IsFlapping,
        SilencedBy = SilencedBy,
        InhibitedBy = InhibitedBy,
    };

    private static LabelSet WithSeverity(LabelSet labels, Severity severity) =>
        labels.Get(SeverityExtensions.LabelName) is null
            ? labels.With(new Label(SeverityExtensions.LabelName, severity.ToLabelValue()))
            : labels;
}
