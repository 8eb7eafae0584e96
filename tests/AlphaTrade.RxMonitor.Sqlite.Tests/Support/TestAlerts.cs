using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>Builds alerts, transitions, notifications and silences for history tests.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static Alert Alert(string rule, AlertState state, Severity severity, DateTimeOffset at, params Label[] labels)
    {
        var set = LabelSet.Create([.. labels, new Label("alertname", rule)]);
        return new Alert
        {
            Fingerprint = set.Fingerprint,
            RuleName = rule,
            Labels = set,
            Annotations = new Dictionary<string, string> { ["summary"] = $"{rule} is {state}" },
            Severity = severity,
            State = state,
            ActiveAt = at,
            StartsAt = at,
            EndsAt = state == AlertState.Resolved ? at : null,
            UpdatedAt = at,
            Value = 42.5,
        };
    }

    public static AlertTransition Transition(Alert alert, AlertChange? change = null) =>
        new(alert, change ?? (AlertChange)(int)alert.State, null, null, alert.UpdatedAt);

    public static AlertNotification Notification(string receiver, string groupKey, DateTimeOffset at, params Alert[] alerts) => new()
    {
        Id = Guid.NewGuid(),
        Receiver = receiver,
        GroupKey = groupKey,
        GroupLabels = LabelSet.Create(new Label("alertname", alerts[0].RuleName)),
        Timestamp = at,
        Alerts = alerts,
    };

    public static Silence Silence(string id, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset updatedAt, string comment = "maintenance") => new()
    {
        Id = id,
        Matchers = [LabelMatcher.Equal("instance", "db-1"), LabelMatcher.Regex("alertname", "Cpu.*")],
        StartsAt = startsAt,
        EndsAt = endsAt,
        CreatedBy = "ops",
        Comment = comment,
        UpdatedAt = updatedAt,
    };
}
