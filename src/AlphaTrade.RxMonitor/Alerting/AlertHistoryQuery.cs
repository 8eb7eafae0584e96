using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Which history entries to return: every filter that is set must hold.</summary>
/// <remarks>
/// For transitions the filters apply to <see cref="AlertTransition.Alert"/>; a notification matches when
/// any of its alerts matches (and <see cref="Receiver"/>, when set, names its receiver). Label matchers see
/// the alert's labels only (severity is filtered by <see cref="Severity"/> / <see cref="MinimumSeverity"/>).
/// Results are the newest <see cref="Limit"/> entries, returned oldest first. Every <see cref="IAlertHistory"/>
/// must give the same answer as <see cref="Matches(AlertTransition)"/> / <see cref="Matches(AlertNotification)"/>.
/// </remarks>
public sealed record AlertHistoryQuery
{
    /// <summary>Everything, up to the default limit.</summary>
    public static AlertHistoryQuery All { get; } = new();

    /// <summary>Only this rule (the seed's alert "type").</summary>
    public string? RuleName { get; init; }

    /// <summary>Only this exact severity.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Only this severity or higher.</summary>
    public Severity? MinimumSeverity { get; init; }

    /// <summary>Only alerts in this state (after the transition).</summary>
    public AlertState? State { get; init; }

    /// <summary>Only this kind of change (transitions only).</summary>
    public AlertChange? Change { get; init; }

    /// <summary>Only the alert with this fingerprint.</summary>
    public ulong? Fingerprint { get; init; }

    /// <summary>Only alerts whose labels match every matcher.</summary>
    public IReadOnlyList<LabelMatcher> LabelMatchers { get; init; } = [];

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only entries before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only notifications to this receiver (notifications only).</summary>
    public string? Receiver { get; init; }

    /// <summary>At most this many entries, the newest (default 1000).</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>Whether <paramref name="transition"/> passes every filter.</summary>
    /// <param name="transition">The entry.</param>
    /// <returns><see langword="true"/> when it passes.</returns>
    public bool Matches(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return InRange(transition.Timestamp) &&
            (Change is null || Change == transition.Change) &&
            Matches(transition.Alert);
    }

    /// <summary>Whether <paramref name="notification"/> passes every filter.</summary>
    /// <param name="notification">The entry.</param>
    /// <returns><see langword="true"/> when it passes.</returns>
    public bool Matches(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!InRange(notification.Timestamp) ||
            (Receiver is not null && !string.Equals(Receiver, notification.Receiver, StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var alert in notification.Alerts)
        {
            if (Matches(alert))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="alert"/> passes the alert filters (rule, severity, state, fingerprint, labels).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns><see langword="true"/> when it passes.</returns>
    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if ((RuleName is not null && !string.Equals(RuleName, alert.RuleName, StringComparison.Ordinal)) ||
            (Severity is not null && Severity != alert.Severity) ||
            (MinimumSeverity is not null && alert.Severity < MinimumSeverity) ||
            (State is not null && State != alert.State) ||
            (Fingerprint is not null && Fingerprint != alert.Fingerprint))
        {
            return false;
        }

        foreach (var matcher in LabelMatchers)
        {
            if (!matcher.Matches(alert.Labels))
            {
                return false;
            }
        }

        return true;
    }

    private bool InRange(DateTimeOffset timestamp) =>
        (Since is null || timestamp >= Since) && (Until is null || timestamp < Until);
}
