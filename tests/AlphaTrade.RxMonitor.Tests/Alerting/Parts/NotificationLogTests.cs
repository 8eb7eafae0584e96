using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Dispatch;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting.Parts;

/// <summary>Alertmanager's <c>DedupStage.needsUpdate</c>, plus severity changes, as a table.</summary>
public sealed class NotificationLogTests
{
    private static readonly DateTimeOffset Now = AlertingHarness.Start.AddHours(2);
    private static readonly TimeSpan Repeat = TimeSpan.FromHours(1);

    [Fact]
    public void NeedsUpdate_NoLogAndFiring_IsTrue() =>
        Assert.True(NotificationLog.NeedsUpdate(null, [Firing("A")], [], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_NoLogAndOnlyResolved_IsFalse() =>
        Assert.False(NotificationLog.NeedsUpdate(null, [], [Resolved("A")], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_SameFiringWithinRepeatInterval_IsFalse() =>
        Assert.False(NotificationLog.NeedsUpdate(Log(Now.AddMinutes(-30), firing: [Firing("A")]), [Firing("A")], [], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_SameFiringAtRepeatInterval_IsTrue() =>
        Assert.True(NotificationLog.NeedsUpdate(Log(Now - Repeat, firing: [Firing("A")]), [Firing("A")], [], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_SeverityChanged_IsTrue() =>
        Assert.True(NotificationLog.NeedsUpdate(Log(Now.AddMinutes(-1), firing: [Firing("A")]), [Firing("A", Severity.Critical)], [], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_NewFiringAlert_IsTrue() =>
        Assert.True(NotificationLog.NeedsUpdate(Log(Now.AddMinutes(-1), firing: [Firing("A")]), [Firing("A"), Firing("B")], [], sendResolved: true, Repeat, Now));

    [Fact]
    public void NeedsUpdate_LastFiringResolved_IsTrueEvenWithoutSendResolved() =>
        Assert.True(NotificationLog.NeedsUpdate(Log(Now.AddMinutes(-1), firing: [Firing("A")]), [], [Resolved("A")], sendResolved: false, Repeat, Now));

    [Fact]
    public void NeedsUpdate_NewlyResolvedBesideFiring_FollowsSendResolved()
    {
        var log = Log(Now.AddMinutes(-1), firing: [Firing("A"), Firing("B")]);

        Assert.True(NotificationLog.NeedsUpdate(log, [Firing("A")], [Resolved("B")], sendResolved: true, Repeat, Now));
        Assert.False(NotificationLog.NeedsUpdate(log, [Firing("A")], [Resolved("B")], sendResolved: false, Repeat, Now));
    }

    [Fact]
    public void Key_ReceiverAndGroup_DifferForDifferentReceivers() =>
        Assert.NotEqual(NotificationLog.Key("pager", "{}:{}"), NotificationLog.Key("mail", "{}:{}"));

    private static AlertEntry Firing(string rule, Severity severity = Severity.Warning) => Entry(rule, AlertState.Firing, severity);

    private static AlertEntry Resolved(string rule) => Entry(rule, AlertState.Resolved, Severity.Warning);

    private static AlertEntry Entry(string rule, AlertState state, Severity severity)
    {
        var alertEvent = new AlertEvent
        {
            RuleName = rule,
            State = state,
            Severity = severity,
            Labels = AlertingHarness.Labels(rule),
            Timestamp = Now,
            ActiveAt = Now,
        };
        var entry = new AlertEntry(alertEvent);
        entry.Apply(alertEvent, newInstance: true);
        return entry;
    }

    private static NotificationLogEntry Log(DateTimeOffset at, List<AlertEntry> firing) =>
        new(firing.ToDictionary(static e => e.Fingerprint, static e => e.Severity), [], at);
}
